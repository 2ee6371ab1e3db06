package dev.leakwatch.core.detect;

/**
 * One leak rule: a pure function of a frozen {@link Snapshot} and the {@link History} of
 * the samples before it. What a rule wants remembered goes into the {@link Evaluation},
 * which the sampler records.
 */
interface SuspectRule {

	/** Adds what this rule finds in {@code snapshot} to {@code evaluation}. */
	void evaluate(Snapshot snapshot, History history, Evaluation evaluation);

}
