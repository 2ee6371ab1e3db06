package dev.leakwatch.core.detect;

import dev.leakwatch.core.report.Suspect;

/**
 * Told once when a suspect appears in the background samples and once when it clears: no
 * event per sample.
 */
public interface SuspectListener {

	/** {@code suspect} is in this sample and was not in the previous one. */
	void appeared(Suspect suspect);

	/**
	 * {@code suspect}, as last seen, was in the previous sample and is not in this one.
	 */
	void cleared(Suspect suspect);

}
