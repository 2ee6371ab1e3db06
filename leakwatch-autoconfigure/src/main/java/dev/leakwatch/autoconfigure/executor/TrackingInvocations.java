package dev.leakwatch.autoconfigure.executor;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import dev.leakwatch.core.task.DiscardCounting;
import dev.leakwatch.core.task.TaskSource;
import dev.leakwatch.core.task.TaskTracker;
import dev.leakwatch.core.task.TrackingExecutorService;
import dev.leakwatch.core.task.TrackingScheduledExecutorService;

import org.springframework.core.task.TaskExecutor;
import org.springframework.core.task.support.ExecutorServiceAdapter;
import org.springframework.core.task.support.TaskExecutorAdapter;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.util.concurrent.FutureUtils;

/**
 * What a tracked executor bean does with each call. Submissions ({@code execute},
 * {@code submit}, {@code invokeAll/Any}, {@code submitCompletable}) go through a
 * {@link TrackingExecutorService} over the bean's own {@code execute}, so queued and
 * running tasks are counted; scheduling methods get their task wrapped and keep their own
 * timing; {@code shutdownNow} gives back the caller's tasks; everything else goes to the
 * bean untouched.
 */
final class TrackingInvocations {

	private static final Object[] NO_ARGS = {};

	private final Object target;

	private final TaskSource source;

	private final TrackingExecutorService submitter;

	TrackingInvocations(Object target, TaskSource source) {
		this.target = target;
		this.source = source;
		this.submitter = submitter(target, source);
	}

	private static TrackingExecutorService submitter(Object target, TaskSource source) {
		if (target instanceof ThreadPoolTaskExecutor executor) {
			// its pool sees the tasks as submitted unless a TaskDecorator wraps them, and
			// then it cannot count them
			installDiscardCounting(executor);
		}
		if (target instanceof ScheduledExecutorService scheduler) {
			return new TrackingScheduledExecutorService(scheduler, source);
		}
		ExecutorService executorService = asExecutorService(target);
		return (executorService != null) ? new TrackingExecutorService(executorService, source) : null;
	}

	private static void installDiscardCounting(ThreadPoolTaskExecutor executor) {
		try {
			DiscardCounting.install(executor.getThreadPoolExecutor());
		}
		catch (IllegalStateException ex) {
			// not initialized when the bean was tracked: a task its policy drops later
			// stays counted as queued
		}
	}

	private static ExecutorService asExecutorService(Object target) {
		if (target instanceof ExecutorService executorService) {
			return executorService;
		}
		if (target instanceof TaskExecutor taskExecutor) {
			return new ExecutorServiceAdapter(taskExecutor);
		}
		if (target instanceof Executor executor) {
			return new ExecutorServiceAdapter(new TaskExecutorAdapter(executor));
		}
		return null; // a TaskScheduler only: nothing is submitted for immediate execution
	}

	Object invoke(Object proxy, Method method, Object[] given) throws Throwable {
		Object[] args = (given != null) ? given : NO_ARGS; // a JDK proxy passes null for
															// no arguments
		switch (method.getName()) {
			case "execute":
				if (args.length == 1 && args[0] instanceof Runnable task && this.submitter != null) {
					this.submitter.execute(task);
					return null;
				}
				if (args.length == 2 && args[0] instanceof Runnable task) { // execute
																			// with a
																			// start
																			// timeout
					Object[] tracked = args.clone();
					tracked[0] = this.source.tracker().trackRuns(this.source, task);
					return invokeTarget(method, tracked);
				}
				break;
			case "submit":
				if (this.submitter != null) {
					return submit(method, args);
				}
				break;
			case "submitCompletable":
				if (args.length == 1 && this.submitter != null) {
					return (args[0] instanceof Callable<?> callable) ? FutureUtils.callAsync(callable, this.submitter)
							: CompletableFuture.runAsync((Runnable) args[0], this.submitter);
				}
				break;
			case "invokeAll":
				return invokeAll(args);
			case "invokeAny":
				return invokeAny(args);
			case "schedule", "scheduleAtFixedRate", "scheduleWithFixedDelay":
				return ScheduleCalls.schedule(this.source, method.getName(), args,
						(tracked) -> invokeTarget(method, tracked));
			case "shutdownNow":
				if (args.length == 0) {
					return TrackingExecutorService.releaseDrained(castList(invokeTarget(method, args)));
				}
				break;
			case "remove":
				if (args.length == 1 && args[0] instanceof Runnable task
						&& this.target instanceof ThreadPoolExecutor pool) {
					return removeQueued(pool, task);
				}
				break;
			case "leakwatchTarget":
				return this.target;
			case "equals":
				return args.length == 1 && proxy == args[0];
			case "hashCode":
				return System.identityHashCode(proxy);
			default:
				break;
		}
		return invokeTarget(method, args);
	}

	/**
	 * The overload the caller chose, by the method's parameter types: a {@code null} task
	 * is the caller's error.
	 */
	@SuppressWarnings("unchecked")
	private Object submit(Method method, Object[] args) {
		Class<?>[] types = method.getParameterTypes();
		if (types.length == 1 && types[0] == Callable.class) {
			return this.submitter.submit((Callable<Object>) args[0]);
		}
		if (types.length == 1 && types[0] == Runnable.class) {
			return this.submitter.submit((Runnable) args[0]);
		}
		return this.submitter.submit((Runnable) args[0], args[1]);
	}

	@SuppressWarnings("unchecked")
	private Object invokeAll(Object[] args) throws InterruptedException {
		Collection<? extends Callable<Object>> tasks = (Collection<? extends Callable<Object>>) args[0];
		return (args.length == 1) ? this.submitter.invokeAll(tasks)
				: this.submitter.invokeAll(tasks, (long) args[1], (TimeUnit) args[2]);
	}

	@SuppressWarnings("unchecked")
	private Object invokeAny(Object[] args) throws Exception {
		Collection<? extends Callable<Object>> tasks = (Collection<? extends Callable<Object>>) args[0];
		return (args.length == 1) ? this.submitter.invokeAny(tasks)
				: this.submitter.invokeAny(tasks, (long) args[1], (TimeUnit) args[2]);
	}

	/** {@link ThreadPoolExecutor#remove} for a task the pool holds wrapped. */
	private static boolean removeQueued(ThreadPoolExecutor pool, Runnable task) {
		for (Runnable queued : pool.getQueue()) {
			if (queued == task || TaskTracker.unwrap(queued) == task) {
				if (pool.remove(queued)) {
					TrackingExecutorService.releaseDrained(queued);
					return true;
				}
			}
		}
		return false;
	}

	private Object invokeTarget(Method method, Object[] args) throws Throwable {
		try {
			return method.invoke(this.target, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getTargetException();
		}
	}

	@SuppressWarnings("unchecked")
	private static List<Runnable> castList(Object list) {
		return (List<Runnable>) list;
	}

}
