package org.phaseflow.kernel;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.classfile.Attributes;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.MethodModel;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The 512-bit step bodies must stay too large for C2 to inline into their callers (more than
 * FreqInlineSize = 325 bytecodes): inlined, they are compiled together with the scalar head and tail
 * again, and the GM round loses its registers in most JVMs (native-notes/gm-step.md, last section).
 * Read from the class file, so nothing is loaded or compiled.
 */
class KernelBodySizeTest {
    static final int FREQ_INLINE_SIZE = 325;

    @Test
    void stepBodiesAreTooLargeToInline() throws IOException {
        Map<String, Integer> sizes = bytecodeSizes();
        for (String body : new String[] {"affineOnesBody", "affineOnesOntoBody", "cwLogOddsBody", "cwStepBody", "affineMomentsBody"}) {
            Integer size = sizes.get(body);
            assertNotNull(size, "VectorKernels has no method " + body + "; methods: " + sizes.keySet());
            assertTrue(size > FREQ_INLINE_SIZE, body + " has " + size + " bytecodes, not more than C2's FreqInlineSize ("
                    + FREQ_INLINE_SIZE + "): C2 would inline it into its caller with the scalar head and tail");
        }
    }

    static Map<String, Integer> bytecodeSizes() throws IOException {
        byte[] bytes;
        try (InputStream in = KernelBodySizeTest.class.getClassLoader().getResourceAsStream("org/phaseflow/kernel/VectorKernels.class")) {
            assertNotNull(in, "VectorKernels.class not on the class path");
            bytes = in.readAllBytes();
        }
        ClassModel model = ClassFile.of().parse(bytes);
        Map<String, Integer> sizes = new TreeMap<>();
        for (MethodModel m : model.methods()) {
            m.findAttribute(Attributes.code()).ifPresent(code -> sizes.merge(m.methodName().stringValue(), code.codeLength(), Math::max));
        }
        return sizes;
    }
}
