package dev.leakwatch.core.detect;

import java.util.ArrayList;
import java.util.List;

import dev.leakwatch.core.report.Suspect;
import dev.leakwatch.core.report.SuspectKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A suspect is told once when it appears and once when it clears, however many samples
 * see it.
 */
class SuspectChangesTest {

	private final List<String> told = new ArrayList<>();

	private final SuspectListener listener = new SuspectListener() {

		@Override
		public void appeared(Suspect suspect) {
			SuspectChangesTest.this.told.add("appeared " + suspect.source() + " x" + suspect.count());
		}

		@Override
		public void cleared(Suspect suspect) {
			SuspectChangesTest.this.told.add("cleared " + suspect.source() + " x" + suspect.count());
		}

	};

	@Test
	void appearsOnceAndClearsOnceWhileItsCountChanges() {
		SuspectChanges changes = new SuspectChanges();
		changes.update(List.of(stuck("orders", 1)), List.of(this.listener));
		changes.update(List.of(stuck("orders", 2), stuck("billing", 1)), List.of(this.listener));
		changes.update(List.of(stuck("orders", 3)), List.of(this.listener));
		changes.update(List.of(), List.of(this.listener));
		changes.update(List.of(), List.of(this.listener));
		assertThat(this.told).containsExactly("appeared orders x1", "appeared billing x1", "cleared billing x1",
				"cleared orders x3");
	}

	@Test
	void logLineNamesKindSourceCountAgeAndTheFirstApplicationFrame() {
		Suspect suspect = new Suspect(SuspectKind.STUCK_TASK, "orders", "PlaceOrder", 2, 61.5, Thread.State.WAITING,
				List.of("orders-1"), List.of("java.base/jdk.internal.misc.Unsafe.park(Native Method)",
						"app//com.example.Orders.place(Orders.java:42)"),
				List.of(), null, null);
		assertThat(SuspectLog.describe(suspect)).isEqualTo("STUCK_TASK x2 source=orders task=PlaceOrder age=61.5s"
				+ " at app//com.example.Orders.place(Orders.java:42)");
	}

	private static Suspect stuck(String source, int count) {
		return new Suspect(SuspectKind.STUCK_TASK, source, null, count, 1.0, Thread.State.WAITING, List.of(),
				List.of("app//com.example.Job.run(Job.java:1)"), List.of(), null, null);
	}

}
