package dev.leakwatch.core.proof;

/**
 * A heap proof started but did not finish: the dump or its analysis failed. The dump is
 * deleted all the same.
 */
public class ProofFailedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public ProofFailedException(String message, Throwable cause) {
		super(message, cause);
	}

}
