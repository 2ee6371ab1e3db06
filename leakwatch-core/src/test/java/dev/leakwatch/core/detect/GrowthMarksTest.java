package dev.leakwatch.core.detect;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The growth baseline: one low per bucket, the latest on a tie, kept while anything is
 * counted.
 */
class GrowthMarksTest {

	private static final long BUCKET = 100;

	@Test
	void lowIsTheLowestCountAndWhenItLastStoodThere() {
		GrowthMarks marks = new GrowthMarks();
		marks.mark(0, 3, 3, BUCKET);
		marks.mark(50, 2, 2, BUCKET);
		marks.mark(150, 5, 5, BUCKET);
		marks.mark(250, 2, 2, BUCKET);
		marks.mark(260, 9, 9, BUCKET);
		assertThat(marks.low()).isEqualTo(new GrowthMarks.Low(2, 2, 250));
	}

	@Test
	void aRiseWithinTheFirstBucketKeepsItsZero() {
		GrowthMarks marks = new GrowthMarks();
		marks.mark(0, 0, 0, BUCKET);
		marks.mark(10, 1, 1, BUCKET);
		assertThat(marks.allZero()).isFalse();
		assertThat(marks.low()).isEqualTo(new GrowthMarks.Low(0, 0, 0));
		marks.mark(20, 0, 0, BUCKET);
		assertThat(marks.allZero()).isTrue();
	}

	@Test
	void keepsADayOfBuckets() {
		GrowthMarks marks = new GrowthMarks();
		marks.mark(0, 0, 0, BUCKET);
		for (int i = 1; i <= GrowthMarks.MAX_BUCKETS; i++) {
			marks.mark(i * BUCKET, 7, 7, BUCKET);
		}
		assertThat(marks.low().count()).isEqualTo(7);
	}

}
