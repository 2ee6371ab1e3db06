package dev.leakwatch.autoconfigure.executor;

import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ThreadPoolExecutor;

import dev.leakwatch.core.task.SubmitTracking;
import dev.leakwatch.core.task.TrackingExecutorService;

import org.springframework.cglib.proxy.Callback;
import org.springframework.cglib.proxy.MethodInterceptor;
import org.springframework.cglib.proxy.MethodProxy;
import org.springframework.cglib.proxy.NoOp;

/**
 * The methods a taken-over executor bean overrides ({@link ExecutorKind} says which, by
 * kind): each tracks and calls the executor's own code on the bean
 * ({@link SuperMethods}). One callback per method, so that a call costs no dispatch on
 * its name.
 */
final class PoolCallbacks {

	static final int OWN = 0;

	static final int EXECUTE = 1;

	static final int NEW_TASK_FOR = 2;

	static final int BEFORE_EXECUTE = 3;

	static final int AFTER_EXECUTE = 4;

	static final int REMOVE = 5;

	static final int PURGE = 6;

	static final int SHUTDOWN_NOW = 7;

	static final int GET_HANDLER = 8;

	static final int SET_HANDLER = 9;

	static final int SCHEDULE = 10;

	static final int TO_STRING = 11;

	static final int TARGET = 12;

	static final Class<?>[] TYPES = { NoOp.class, MethodInterceptor.class, MethodInterceptor.class,
			MethodInterceptor.class, MethodInterceptor.class, MethodInterceptor.class, MethodInterceptor.class,
			MethodInterceptor.class, MethodInterceptor.class, MethodInterceptor.class, MethodInterceptor.class,
			MethodInterceptor.class, MethodInterceptor.class };

	private PoolCallbacks() {
	}

	/** The callbacks of the bean that took over {@code target}, by index. */
	@SuppressWarnings("unchecked")
	static Callback[] of(Object target, Class<?> beanClass, SubmitTracking tracking) {
		ExecutorKind kind = ExecutorKind.of(target);
		boolean pool = kind == ExecutorKind.POOL;
		SuperMethods own = SuperMethods.of(beanClass);
		String targetClass = target.getClass().getName();
		Callback[] callbacks = new Callback[TYPES.length];
		callbacks[OWN] = NoOp.INSTANCE;
		// a scheduler's execute is its own: it schedules, which is overridden
		SuperMethods.OneArgument execute = (kind != ExecutorKind.SCHEDULER) ? own.oneArgument("execute", Runnable.class)
				: null;
		callbacks[EXECUTE] = pool ? new PoolExecute(tracking, execute) : new WrappingExecute(tracking, execute);
		callbacks[NEW_TASK_FOR] = new NewTaskFor(tracking);
		callbacks[BEFORE_EXECUTE] = new BeforeExecute(tracking,
				userHook(pool, target, own, "beforeExecute", Thread.class, Runnable.class));
		callbacks[AFTER_EXECUTE] = new AfterExecute(tracking,
				userHook(pool, target, own, "afterExecute", Runnable.class, Throwable.class));
		callbacks[REMOVE] = (MethodInterceptor) (bean, method, args, proxy) -> {
			boolean removed = (boolean) own.invoke(bean, method, args);
			if (removed) {
				tracking.leftUnrun((Runnable) args[0]);
			}
			return removed;
		};
		callbacks[PURGE] = (MethodInterceptor) (bean, method, args, proxy) -> purge((ThreadPoolExecutor) bean, tracking,
				() -> own.invoke(bean, method, args));
		callbacks[SHUTDOWN_NOW] = (MethodInterceptor) (bean, method, args, proxy) -> shutdownNow(pool, tracking,
				(List<Runnable>) own.invoke(bean, method, args));
		callbacks[GET_HANDLER] = (MethodInterceptor) (bean, method, args, proxy) -> {
			Object handler = own.invoke(bean, method, args);
			return (handler instanceof BeanRejection rejection) ? rejection.handler() : handler;
		};
		callbacks[SET_HANDLER] = (MethodInterceptor) (bean, method, args, proxy) -> {
			RejectedExecutionHandler handler = (RejectedExecutionHandler) args[0];
			if (handler == null) {
				throw new NullPointerException();
			}
			return own.invoke(bean, method, new Object[] { new BeanRejection(handler, tracking) });
		};
		callbacks[SCHEDULE] = (MethodInterceptor) (bean, method, args, proxy) -> ScheduleCalls
			.schedule(tracking.source(), method.getName(), args, (tracked) -> own.invoke(bean, method, tracked));
		callbacks[TO_STRING] = (MethodInterceptor) (bean, method, args, proxy) -> {
			// as the executor's class names itself, not as the generated subclass would
			String text = (String) own.invoke(bean, method, args);
			String proxyClass = bean.getClass().getName();
			return text.startsWith(proxyClass) ? targetClass + text.substring(proxyClass.length()) : text;
		};
		callbacks[TARGET] = (MethodInterceptor) (bean, method, args, proxy) -> target;
		return callbacks;
	}

	/**
	 * The super call of a pool's hook {@code name(first, second)}, or {@code null} when
	 * no class below {@link ThreadPoolExecutor} declares it: the JDK's hooks are empty,
	 * and calling them through the bean cost two calls per task that the JIT did not
	 * remove (about 6 ns, measured).
	 */
	private static SuperMethods.TwoArguments userHook(boolean pool, Object target, SuperMethods own, String name,
			Class<?> first, Class<?> second) {
		if (!pool) {
			return null;
		}
		for (Class<?> type = target.getClass(); type != ThreadPoolExecutor.class; type = type.getSuperclass()) {
			try {
				type.getDeclaredMethod(name, first, second);
				return own.twoArguments(name, first, second);
			}
			catch (NoSuchMethodException ex) {
				// not here: its superclass's
			}
		}
		return null;
	}

	/**
	 * {@link ThreadPoolExecutor#purge} as the pool does it, with each cancelled future it
	 * drops taken off the queued count; then the pool's own, which finds nothing left and
	 * lets a shut-down pool terminate.
	 */
	private static Object purge(ThreadPoolExecutor pool, SubmitTracking tracking, SuperCall own) throws Throwable {
		BlockingQueue<Runnable> queue = pool.getQueue();
		for (Object task : queue.toArray()) {
			if (task instanceof Future<?> future && future.isCancelled() && queue.remove(task)) {
				tracking.leftUnrun((Runnable) task);
			}
		}
		return own.call();
	}

	private static List<Runnable> shutdownNow(boolean pool, SubmitTracking tracking, List<Runnable> drained) {
		if (!pool) {
			return TrackingExecutorService.releaseDrained(drained);
		}
		drained.forEach(tracking::leftUnrun);
		return drained;
	}

	@FunctionalInterface
	private interface SuperCall {

		Object call() throws Throwable;

	}

	/**
	 * {@code execute} of a pool: it holds the task as it is, counted as queued; a
	 * rejection is counted by {@link BeanRejection}.
	 */
	private record PoolExecute(SubmitTracking tracking, SuperMethods.OneArgument own) implements MethodInterceptor {

		@Override
		public Object intercept(Object bean, Method method, Object[] args, MethodProxy proxy) throws Throwable {
			Runnable task = (Runnable) args[0];
			if (task == null) {
				throw new NullPointerException();
			}
			this.tracking.queued(task);
			this.own.call(bean, task);
			return null;
		}

	}

	/**
	 * {@code execute} of any other executor: the task goes in wrapped, and leaves the
	 * count if it is refused.
	 */
	private record WrappingExecute(SubmitTracking tracking, SuperMethods.OneArgument own) implements MethodInterceptor {

		@Override
		public Object intercept(Object bean, Method method, Object[] args, MethodProxy proxy) throws Throwable {
			Runnable tracked = this.tracking.enqueue((Runnable) args[0]);
			try {
				this.own.call(bean, tracked);
				return null;
			}
			catch (RuntimeException | Error ex) {
				TrackingExecutorService.releaseDrained(tracked);
				throw ex;
			}
		}

	}

	/** {@code newTaskFor}: futures that track themselves. */
	private record NewTaskFor(SubmitTracking tracking) implements MethodInterceptor {

		@Override
		@SuppressWarnings("unchecked")
		public Object intercept(Object bean, Method method, Object[] args, MethodProxy proxy) {
			return (args.length == 1) ? this.tracking.newTaskFor((Callable<Object>) args[0])
					: this.tracking.newTaskFor((Runnable) args[0], args[1]);
		}

	}

	/**
	 * {@code beforeExecute}: the user's hook if the pool has one, then the run counts as
	 * started (a hook that throws runs no task).
	 */
	private record BeforeExecute(SubmitTracking tracking, SuperMethods.TwoArguments own) implements MethodInterceptor {

		@Override
		public Object intercept(Object bean, Method method, Object[] args, MethodProxy proxy) throws Throwable {
			if (this.own != null) {
				this.own.call(bean, args[0], args[1]);
			}
			this.tracking.beforeRun((Runnable) args[1]);
			return null;
		}

	}

	/**
	 * {@code afterExecute}: the run counts as ended, then the user's hook if the pool has
	 * one.
	 */
	private record AfterExecute(SubmitTracking tracking, SuperMethods.TwoArguments own) implements MethodInterceptor {

		@Override
		public Object intercept(Object bean, Method method, Object[] args, MethodProxy proxy) throws Throwable {
			this.tracking.afterRun((Runnable) args[0]);
			if (this.own != null) {
				this.own.call(bean, args[0], args[1]);
			}
			return null;
		}

	}

}
