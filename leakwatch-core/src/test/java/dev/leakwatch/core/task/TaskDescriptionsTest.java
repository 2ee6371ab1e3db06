package dev.leakwatch.core.task;

import java.util.concurrent.Callable;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Descriptions are bounded names: one per class, never one per lambda instance or
 * JVM-generated id.
 */
class TaskDescriptionsTest {

	@Test
	void lambdasOfOneClassReadTheSame() {
		Runnable first = () -> {
		};
		Callable<String> second = () -> "other";
		assertThat(TaskDescriptions.describe(first)).isEqualTo("TaskDescriptionsTest$$Lambda");
		assertThat(TaskDescriptions.describe(second)).isEqualTo("TaskDescriptionsTest$$Lambda");
	}

	@Test
	void methodReferencesReadAsLambdas() {
		Runnable reference = Thread::onSpinWait;
		assertThat(TaskDescriptions.describe(reference)).isEqualTo("TaskDescriptionsTest$$Lambda");
	}

	@Test
	void nestedClassesReadAsTheirSimpleName() {
		assertThat(TaskDescriptions.describe(new ReportJob())).isEqualTo("ReportJob");
	}

	@Test
	void anonymousClassesKeepTheirOuterName() {
		Runnable anonymous = new Runnable() {

			@Override
			public void run() {
			}

		};
		assertThat(TaskDescriptions.describe(anonymous)).isEqualTo("TaskDescriptionsTest$1");
	}

	@Test
	void topLevelClassesReadAsTheirSimpleName() {
		assertThat(TaskDescriptions.describe(new StringBuilder())).isEqualTo("StringBuilder");
	}

	@Test
	void nullReadsAsNull() {
		assertThat(TaskDescriptions.describe(null)).isEqualTo("null");
	}

	private static final class ReportJob implements Runnable {

		@Override
		public void run() {
		}

	}

}
