package dev.leakwatch.core.thread;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Providers named in this module's test {@code META-INF/services}: a library's
 * housekeeper that parks by design with the provider that says so, and a provider for
 * each way one can fail.
 */
public final class TestIdleFilterProviders {

	private TestIdleFilterProviders() {
	}

	/** A library's housekeeping loop: waits for its next run, by design. */
	public static final class Housekeeper {

		private Housekeeper() {
		}

		public static void awaitWork(CountDownLatch nextRun) {
			try {
				nextRun.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

	/** What the housekeeper's library ships. */
	public static final class Housekeeping implements IdleThreadFilterProvider {

		@Override
		public List<IdleThreadFilter> idleThreadFilters() {
			return List.of(IdleThreadPatterns.frame(Housekeeper.class.getName() + "#awaitWork"));
		}

	}

	public static final class Throwing implements IdleThreadFilterProvider {

		@Override
		public List<IdleThreadFilter> idleThreadFilters() {
			throw new IllegalStateException("no filters today");
		}

	}

	public static final class ReturnsNull implements IdleThreadFilterProvider {

		@Override
		public List<IdleThreadFilter> idleThreadFilters() {
			return null;
		}

	}

	public static final class ReturnsANullFilter implements IdleThreadFilterProvider {

		@Override
		public List<IdleThreadFilter> idleThreadFilters() {
			return Arrays.asList(IdleThreadFilter.threadName("lost"), null);
		}

	}

	public static final class FailsToConstruct implements IdleThreadFilterProvider {

		public FailsToConstruct() {
			throw new IllegalStateException("cannot start");
		}

		@Override
		public List<IdleThreadFilter> idleThreadFilters() {
			return List.of(IdleThreadFilter.threadName("never"));
		}

	}

}
