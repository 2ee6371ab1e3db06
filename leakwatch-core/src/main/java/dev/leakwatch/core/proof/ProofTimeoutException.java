package dev.leakwatch.core.proof;

import java.time.Duration;

/**
 * A heap proof took longer than its timeout and was abandoned. The dump is deleted all
 * the same.
 */
public class ProofTimeoutException extends ProofFailedException {

	private static final long serialVersionUID = 1L;

	public ProofTimeoutException(Duration timeout) {
		super("heap proof took longer than " + timeout.toMillis() + " ms and was abandoned", null);
	}

}
