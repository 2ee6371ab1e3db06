package dev.leakwatch.core.task;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * Labels nest like the calls that set them, and never leak to another thread or past
 * their restore.
 */
class SubmitLabelTest {

	@AfterEach
	void clear() {
		SubmitLabel.restore(null);
	}

	@Test
	void applyAndRestoreNest() {
		SubmitLabel outer = new SubmitLabel(TaskKind.ASYNC, "Outer.run");
		SubmitLabel inner = new SubmitLabel(TaskKind.EXECUTOR, "Inner.run");
		assertThat(SubmitLabel.apply(outer)).isNull();
		assertThat(SubmitLabel.apply(inner)).isSameAs(outer);
		assertThat(SubmitLabel.current()).isSameAs(inner);
		SubmitLabel.restore(outer);
		assertThat(SubmitLabel.current()).isSameAs(outer);
		SubmitLabel.restore(null);
		assertThat(SubmitLabel.current()).isNull();
	}

	@Test
	void labelIsPerThread() throws InterruptedException {
		SubmitLabel.apply(new SubmitLabel(TaskKind.ASYNC, "Here.only"));
		SubmitLabel[] seen = new SubmitLabel[1];
		Thread other = new Thread(() -> seen[0] = SubmitLabel.current());
		other.start();
		other.join(10_000);
		assertThat(other.isAlive()).isFalse();
		assertThat(seen[0]).isNull();
	}

	@Test
	void holdsKindAndDescription() {
		SubmitLabel label = new SubmitLabel(TaskKind.ASYNC, "Foo.bar");
		assertThat(label.kind()).isEqualTo(TaskKind.ASYNC);
		assertThat(label.description()).isEqualTo("Foo.bar");
		assertThatNullPointerException().isThrownBy(() -> new SubmitLabel(null, "x")).withMessage("kind");
		assertThatNullPointerException().isThrownBy(() -> new SubmitLabel(TaskKind.ASYNC, null))
			.withMessage("description");
	}

	@Test
	void kindTagsAreLowerCase() {
		assertThat(TaskKind.EXECUTOR.tag()).isEqualTo("executor");
		assertThat(TaskKind.SCHEDULER.tag()).isEqualTo("scheduler");
		assertThat(TaskKind.ASYNC.tag()).isEqualTo("async");
	}

}
