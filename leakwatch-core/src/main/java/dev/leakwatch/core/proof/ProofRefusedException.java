package dev.leakwatch.core.proof;

/**
 * A heap proof was refused: nothing was analysed, and nothing dumped unless the
 * {@link #reason()} is {@link Reason#FREE_HEAP} (that dump is deleted). An HTTP endpoint
 * answers {@link Reason#BUSY} with {@code 409 Conflict} and the others with
 * {@code 503 Service Unavailable}.
 */
public class ProofRefusedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/** Why a proof was refused. */
	public enum Reason {

		/**
		 * Another proof is running in this JVM: a heap dump pauses it, so one at a time.
		 */
		BUSY,

		/** The used heap is above the configured maximum. */
		HEAP_TOO_LARGE,

		/** The dump directory's file system has too little usable space for the dump. */
		DISK_SPACE,

		/**
		 * The heap left free after the dump is too small for its analysis, which runs in
		 * this JVM.
		 */
		FREE_HEAP,

		/**
		 * This JVM cannot dump its heap, or Shark
		 * ({@code com.squareup.leakcanary:shark-graph}) is missing.
		 */
		UNSUPPORTED

	}

	private final Reason reason;

	public ProofRefusedException(Reason reason, String message) {
		super(message);
		this.reason = reason;
	}

	public Reason reason() {
		return this.reason;
	}

}
