package org.phaseflow.cli;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The rule for output folders: a command never overwrites results it did not just make. A folder that
 * holds anything is refused unless the user says {@code --force} (then the files this command writes
 * are removed first, so nothing of an earlier run stays beside the new one) or, for a study,
 * {@code --resume}. Nothing is created until the run starts, so a refused run leaves no empty folder.
 */
final class OutputDir {
    private OutputDir() {}

    /** The entries of a folder (none when it does not exist). */
    static List<Path> entries(Path dir) {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) return out;
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path p : s) out.add(p);
        } catch (IOException e) {
            throw new IllegalArgumentException("--out " + dir + " cannot be read: " + e.getMessage());
        }
        out.sort(null);
        return out;
    }

    /**
     * Refuses a non-empty {@code dir} unless {@code force}; with it, removes the entries {@code ours}
     * accepts (the files the command writes). {@code hint} says what else the user may do.
     */
    static void claim(String option, Path dir, boolean force, Predicate<String> ours, String hint) {
        List<Path> entries = entries(dir);
        if (entries.isEmpty()) return;
        if (!force) {
            throw new IllegalArgumentException(option + " " + dir + " is not empty (" + entries.size() + " entries, e.g. "
                    + entries.getFirst().getFileName() + "); choose another " + option + ", or " + hint);
        }
        for (Path p : entries) {
            if (Files.isRegularFile(p) && ours.test(p.getFileName().toString())) delete(option, p);
        }
    }

    /** Refuses files that exist unless {@code force}; with it, removes them. */
    static void claimFiles(String option, List<Path> files, boolean force) {
        List<Path> existing = files.stream().filter(Files::exists).toList();
        if (existing.isEmpty()) return;
        if (!force) {
            throw new IllegalArgumentException(option + " " + existing.getFirst().getParent() + " already holds "
                    + String.join(", ", existing.stream().map(p -> p.getFileName().toString()).toList())
                    + "; choose another --out or --name, or add --force to replace them");
        }
        for (Path p : existing) {
            if (Files.isDirectory(p)) throw new IllegalArgumentException(option + " " + p + " is a directory; choose another --out or --name");
            delete(option, p);
        }
    }

    private static void delete(String option, Path p) {
        try {
            Files.delete(p);
        } catch (IOException e) {
            throw new IllegalArgumentException(option + " " + p + " cannot be removed: " + e.getMessage());
        }
    }

    /**
     * Refuses, before any work, an output folder that cannot be written: an existing file, a folder
     * without write permission, or a path whose nearest existing ancestor is a file or not writable.
     * Creates nothing.
     */
    static void checkWritable(String option, Path dir) {
        if (Files.exists(dir)) {
            if (!Files.isDirectory(dir)) throw new IllegalArgumentException(option + " " + dir + " is a file, not a directory");
            if (!Files.isWritable(dir)) throw new IllegalArgumentException(option + " " + dir + " is not writable");
            return;
        }
        Path a = dir.toAbsolutePath().getParent();
        while (a != null && !Files.exists(a)) a = a.getParent();
        if (a == null) throw new IllegalArgumentException(option + " " + dir + " cannot be created: no existing parent directory");
        if (!Files.isDirectory(a)) throw new IllegalArgumentException(option + " " + dir + " cannot be created: " + a + " is a file");
        if (!Files.isWritable(a)) throw new IllegalArgumentException(option + " " + dir + " cannot be created: " + a + " is not writable");
    }

    /** Creates the folder (when the run starts). */
    static void create(String option, Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalArgumentException(option + " " + dir + " cannot be created: " + e.getClass().getSimpleName() + " " + e.getMessage());
        }
    }
}
