package org.phaseflow.study;

/**
 * An executor could not finish a task (a cluster gave up on it, or stopped): the study stops, the
 * rows already written stay, and {@code --resume} continues from them. The message says why in one line.
 */
public final class TaskFailedException extends RuntimeException {
    public TaskFailedException(String message, Throwable cause) { super(message, cause); }
}
