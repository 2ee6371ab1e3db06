package dev.leakwatch.core.proof;

import java.time.Duration;

/** When a proof must give up; checked while the dump is read and while it is marked. */
final class Deadline {

	private final Duration timeout;

	private final long deadlineNanos;

	Deadline(Duration timeout) {
		this.timeout = timeout;
		this.deadlineNanos = System.nanoTime() + timeout.toNanos();
	}

	/** Throws {@link ProofTimeoutException} once the deadline has passed. */
	void check() {
		if (System.nanoTime() - this.deadlineNanos > 0) {
			throw new ProofTimeoutException(this.timeout);
		}
	}

}
