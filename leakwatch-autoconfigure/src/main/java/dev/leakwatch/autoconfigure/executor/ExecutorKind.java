package dev.leakwatch.autoconfigure.executor;

import java.lang.reflect.Method;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;

import org.springframework.cglib.proxy.CallbackFilter;

/**
 * The JDK executor class a taken-over bean extends, and which of its methods the bean
 * overrides to track ({@link PoolCallbacks}' indexes; {@link PoolCallbacks#OWN} for the
 * executor's own code).
 * <ul>
 * <li>{@link #SERVICE}: tasks run wrapped, as the executor runs them; futures track
 * themselves.</li>
 * <li>{@link #POOL}: the pool holds the tasks as submitted and its hooks tell their runs;
 * what it lets go of unrun ({@code remove}, {@code purge}, {@code shutdownNow},
 * rejection) leaves the queued count.</li>
 * <li>{@link #SCHEDULER}: every task reaches the pool through a {@code schedule} method
 * (its {@code execute} and {@code submit} too), which wraps it; the pool's futures are
 * the caller's.</li>
 * </ul>
 * One constant per kind, so that CGLIB, which keys its class cache on the filter, makes
 * one class per bean class.
 */
enum ExecutorKind implements CallbackFilter {

	SERVICE(AbstractExecutorService.class), POOL(ThreadPoolExecutor.class),
	SCHEDULER(ScheduledThreadPoolExecutor.class);

	private final Class<?> base;

	ExecutorKind(Class<?> base) {
		this.base = base;
	}

	static ExecutorKind of(Object executor) {
		if (executor instanceof ScheduledThreadPoolExecutor) {
			return SCHEDULER;
		}
		return (executor instanceof ThreadPoolExecutor) ? POOL : SERVICE;
	}

	/**
	 * The JDK class whose state the bean holds; the fields of the classes below it are
	 * the user's.
	 */
	Class<?> base() {
		return this.base;
	}

	@Override
	public int accept(Method method) {
		Class<?>[] types = method.getParameterTypes();
		return switch (method.getName()) {
			case "execute" -> (this != SCHEDULER && types.length == 1) ? PoolCallbacks.EXECUTE : PoolCallbacks.OWN;
			// a user's own newTaskFor stays: its futures are tracked as the tasks they
			// are
			case "newTaskFor" -> (this != SCHEDULER && method.getDeclaringClass() == AbstractExecutorService.class)
					? PoolCallbacks.NEW_TASK_FOR : PoolCallbacks.OWN;
			case "beforeExecute" -> (this == POOL) ? PoolCallbacks.BEFORE_EXECUTE : PoolCallbacks.OWN;
			case "afterExecute" -> (this == POOL) ? PoolCallbacks.AFTER_EXECUTE : PoolCallbacks.OWN;
			case "remove" -> (this == POOL && types.length == 1) ? PoolCallbacks.REMOVE : PoolCallbacks.OWN;
			case "purge" -> (this == POOL) ? PoolCallbacks.PURGE : PoolCallbacks.OWN;
			case "shutdownNow" ->
				(this != SCHEDULER && types.length == 0) ? PoolCallbacks.SHUTDOWN_NOW : PoolCallbacks.OWN;
			case "getRejectedExecutionHandler" -> (this == POOL) ? PoolCallbacks.GET_HANDLER : PoolCallbacks.OWN;
			case "setRejectedExecutionHandler" -> (this == POOL) ? PoolCallbacks.SET_HANDLER : PoolCallbacks.OWN;
			case "schedule", "scheduleAtFixedRate", "scheduleWithFixedDelay" ->
				(this == SCHEDULER) ? PoolCallbacks.SCHEDULE : PoolCallbacks.OWN;
			case "toString" -> (types.length == 0) ? PoolCallbacks.TO_STRING : PoolCallbacks.OWN;
			case "leakwatchTarget" -> PoolCallbacks.TARGET;
			default -> PoolCallbacks.OWN;
		};
	}

}
