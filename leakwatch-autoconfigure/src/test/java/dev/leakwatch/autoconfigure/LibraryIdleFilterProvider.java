package dev.leakwatch.autoconfigure;

import java.util.List;
import java.util.concurrent.CountDownLatch;

import dev.leakwatch.core.thread.IdleThreadFilter;
import dev.leakwatch.core.thread.IdleThreadFilterProvider;

/**
 * What a library with an event loop ships: the filter that says its loop waits by design.
 */
public final class LibraryIdleFilterProvider implements IdleThreadFilterProvider {

	@Override
	public List<IdleThreadFilter> idleThreadFilters() {
		return List.of(IdleThreadFilter.frame(EventLoop.class.getName(), "awaitEvents"));
	}

	/** The library's event loop, waiting for its next event. */
	public static final class EventLoop {

		private EventLoop() {
		}

		public static void awaitEvents(CountDownLatch events) {
			new AwaitRelease(events).run();
		}

	}

}
