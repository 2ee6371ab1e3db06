package dev.leakwatch.core.detect;

import java.lang.reflect.Field;
import java.util.Collection;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How long the head of a queue has waited, from submitted/dequeued counters marked once
 * per sample.
 */
class QueueHistoryTest {

	@Test
	void nothingWaitingBeforeAnyMark() {
		assertThat(new QueueHistory().waitingSince(0)).isEmpty();
	}

	@Test
	void headWaitsSinceTheFirstMarkThatCountedIt() {
		QueueHistory history = new QueueHistory();
		history.mark(100, 2, 0);
		history.mark(200, 2, 0); // no new submissions: no new mark
		history.mark(300, 5, 1);
		// task 1 and 2 were submitted by 100, tasks 3 to 5 by 300
		assertThat(history.waitingSince(0)).hasValue(100);
		assertThat(history.waitingSince(1)).hasValue(100);
		assertThat(history.waitingSince(2)).hasValue(300);
		assertThat(history.waitingSince(4)).hasValue(300);
		assertThat(history.waitingSince(5)).isEmpty();
	}

	@Test
	void marksOfTasksThatLeftTheQueueAreForgotten() throws Exception {
		QueueHistory history = new QueueHistory();
		history.mark(100, 2, 0);
		history.mark(300, 4, 0);
		history.mark(500, 4, 2);
		assertThat(history.waitingSince(2)).hasValue(300);
		history.mark(700, 4, 4);
		assertThat(history.waitingSince(4)).isEmpty();
		assertThat(marksHeld(history)).isZero();
		// a queue that fills again starts a new history
		history.mark(900, 6, 4);
		assertThat(history.waitingSince(4)).hasValue(900);
	}

	@Test
	void emptyQueueIsNotMarked() {
		QueueHistory history = new QueueHistory();
		history.mark(100, 3, 3);
		assertThat(history.waitingSince(0)).isEmpty();
		assertThat(history.waitingSince(3)).isEmpty();
	}

	@Test
	void boundedHistoryKeepsTheOldestAndTheNewestMarks() throws Exception {
		QueueHistory history = new QueueHistory();
		int marks = 3000;
		for (int submitted = 1; submitted <= marks; submitted++) {
			history.mark(submitted * 10L, submitted, 0);
		}
		// the oldest mark is the evidence of how long the head has waited: kept
		assertThat(history.waitingSince(0)).hasValue(10);
		assertThat(history.waitingSince(marks - 1)).hasValue(marks * 10L);
		// marks in between were dropped to bound memory (1024 kept: the oldest and the
		// newest 1023), so the
		// estimate for a task in the middle errs late, on the short side
		assertThat(history.waitingSince(1500)).hasValue((marks - 1022) * 10L);
		assertThat(marksHeld(history)).isEqualTo(1024);
	}

	/**
	 * Memory is what forgetting and the bound are for, and no accessor shows it: read the
	 * field.
	 */
	private static int marksHeld(QueueHistory history) throws ReflectiveOperationException {
		Field marks = QueueHistory.class.getDeclaredField("marks");
		marks.setAccessible(true);
		return ((Collection<?>) marks.get(history)).size();
	}

}
