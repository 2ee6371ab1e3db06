package dev.leakwatch.autoconfigure.executor;

import java.lang.reflect.Method;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;

import dev.leakwatch.core.task.TaskSource;
import dev.leakwatch.core.task.TaskTracker;

import org.springframework.scheduling.support.ScheduledMethodRunnable;

/**
 * A scheduling call ({@code schedule}, {@code scheduleAtFixedRate},
 * {@code scheduleWithFixedDelay}) made with its task wrapped and timed, whichever way the
 * bean passes it on. A {@code @Scheduled} method gets a source of its own (kind
 * {@code scheduled}) whose runs count for the scheduler too; a periodic task is watched
 * until its future is done, so that tasks scheduled and never cancelled can be counted.
 */
final class ScheduleCalls {

	private static final String SCHEDULED_TASK_WRAPPER = "org.springframework.scheduling.config."
			+ "Task$OutcomeTrackingRunnable";

	private ScheduleCalls() {
	}

	/** How the bean makes the call, with the arguments given. */
	@FunctionalInterface
	interface Call {

		Object proceed(Object[] args) throws Throwable;

	}

	static Object schedule(TaskSource source, String methodName, Object[] args, Call call) throws Throwable {
		TaskTracker tracker = source.tracker();
		Object[] tracked = args.clone();
		if (args.length > 0 && args[0] instanceof Callable<?> callable) {
			tracked[0] = tracker.trackRuns(source, callable);
			return call.proceed(tracked);
		}
		if (args.length == 0 || !(args[0] instanceof Runnable task)) {
			return call.proceed(args);
		}
		String scheduledMethod = scheduledMethodOf(task);
		TaskSource runsUnder = (scheduledMethod != null) ? tracker.scheduledSource(scheduledMethod, source) : source;
		Runnable run = tracker.trackScheduled(runsUnder, task, scheduledMethod, ScheduleArguments.of(methodName, args));
		tracked[0] = run;
		Object future = call.proceed(tracked);
		if (future instanceof Future<?> scheduled) {
			tracker.watch(run, scheduled);
		}
		return future;
	}

	/**
	 * {@code Bean.method} for a {@code @Scheduled} method's runnable, as Spring wraps it;
	 * else {@code null}.
	 */
	static String scheduledMethodOf(Runnable task) {
		if (task instanceof ScheduledMethodRunnable scheduled) {
			Method method = scheduled.getMethod();
			return simpleName(method.getDeclaringClass().getName()) + "." + method.getName();
		}
		if (task.getClass().getName().equals(SCHEDULED_TASK_WRAPPER)) {
			// Spring's outcome-tracking wrapper names the method it runs:
			// "com.example.Jobs.nightly"
			String name = task.toString();
			int method = name.lastIndexOf('.');
			return (method > 0) ? simpleName(name.substring(0, method)) + name.substring(method) : null;
		}
		return null;
	}

	private static String simpleName(String className) {
		String simple = className.substring(className.lastIndexOf('.') + 1);
		return simple.substring(simple.lastIndexOf('$') + 1);
	}

}
