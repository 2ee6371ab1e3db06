package dev.leakwatch.core.detect;

/**
 * One leak rule. Rules that need history keep it themselves and update it only from background samples, so
 * that a report asked for at any time judges against the same past.
 */
interface SuspectRule {

	/** Adds the suspects this rule finds in {@code look}. */
	void evaluate(Look look, SuspectCollector suspects);

	/** Called by a background sample before {@link #evaluate}: record what later judgements compare with. */
	default void beforeSample(Look look) {
	}

	/** Called by a background sample after {@link #evaluate}. */
	default void afterSample(Look look) {
	}

}
