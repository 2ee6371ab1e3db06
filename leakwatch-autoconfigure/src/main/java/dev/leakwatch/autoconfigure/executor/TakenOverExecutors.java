package dev.leakwatch.autoconfigure.executor;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import dev.leakwatch.core.task.SubmitTracking;
import dev.leakwatch.core.task.TaskSource;

import org.springframework.cglib.proxy.Enhancer;
import org.springframework.cglib.proxy.Factory;
import org.springframework.objenesis.SpringObjenesis;
import org.springframework.util.ReflectionUtils;

/**
 * Makes the bean that takes over a JDK executor ({@link AbstractExecutorService},
 * {@link ThreadPoolExecutor}, {@link ScheduledThreadPoolExecutor}, or a user's subclass
 * of one): an instance of a subclass of the bean's own class that holds the executor's
 * state itself, not one that forwards to it. The executor's own code then runs on the
 * bean, so whatever it hands out about itself is the bean: the pool its rejection policy
 * is given, its hooks and fields, its queue and counts, {@code toString}. A few
 * overridden methods track ({@link PoolCallbacks}); every other method is the executor's
 * own, called directly.
 * <p>
 * The state is taken over as the executor was built: a pool's configuration read from it
 * and passed to the JDK class's constructor, run for the new instance without the
 * subclass constructors (as deserialization does), then the fields of the user's
 * subclasses copied. So a pool can be taken over only before it has started a thread or
 * queued a task; a pool that has is tracked by a forwarding proxy instead.
 */
final class TakenOverExecutors {

	private static final SpringObjenesis objenesis = new SpringObjenesis();

	private TakenOverExecutors() {
	}

	/** Whether {@code target}, of a class that can be subclassed, can be taken over. */
	static boolean canTakeOver(Object target) {
		if (target instanceof ThreadPoolExecutor pool) {
			return !pool.isShutdown() && pool.getPoolSize() == 0 && pool.getQueue().isEmpty();
		}
		return target instanceof AbstractExecutorService;
	}

	/** The bean that takes over {@code target}, tracking under {@code source}. */
	static Object create(Object target, TaskSource source) {
		ExecutorKind kind = ExecutorKind.of(target);
		SubmitTracking tracking = new SubmitTracking(source);
		Class<?> beanClass = proxyClass(target.getClass(), kind);
		Object bean = instantiate(beanClass, target, kind, tracking);
		copyFieldsBelow(kind.base(), target, bean);
		((Factory) bean).setCallbacks(PoolCallbacks.of(target, beanClass, tracking));
		return bean;
	}

	private static Class<?> proxyClass(Class<?> type, ExecutorKind kind) {
		Enhancer enhancer = new Enhancer();
		enhancer.setSuperclass(type);
		enhancer.setInterfaces(new Class<?>[] { TakenOverBean.class });
		enhancer.setContextClass(TakenOverExecutors.class);
		enhancer.setClassLoader(TakenOverExecutors.class.getClassLoader());
		enhancer.setUseFactory(true);
		enhancer.setNamingPolicy((prefix, source, key, names) -> TrackingProxies.uniqueName(type, names));
		enhancer.setCallbackTypes(PoolCallbacks.TYPES);
		enhancer.setCallbackFilter(kind);
		return enhancer.createClass();
	}

	private static Object instantiate(Class<?> proxyClass, Object target, ExecutorKind kind, SubmitTracking tracking) {
		if (target instanceof ScheduledThreadPoolExecutor scheduler) {
			ScheduledThreadPoolExecutor bean = (ScheduledThreadPoolExecutor) construct(proxyClass,
					ScheduledThreadPoolExecutor.class,
					new Class<?>[] { int.class, ThreadFactory.class, RejectedExecutionHandler.class },
					scheduler.getCorePoolSize(), scheduler.getThreadFactory(), scheduler.getRejectedExecutionHandler());
			bean.setMaximumPoolSize(scheduler.getMaximumPoolSize());
			bean.setKeepAliveTime(scheduler.getKeepAliveTime(TimeUnit.NANOSECONDS), TimeUnit.NANOSECONDS);
			bean.allowCoreThreadTimeOut(scheduler.allowsCoreThreadTimeOut());
			bean.setContinueExistingPeriodicTasksAfterShutdownPolicy(
					scheduler.getContinueExistingPeriodicTasksAfterShutdownPolicy());
			bean.setExecuteExistingDelayedTasksAfterShutdownPolicy(
					scheduler.getExecuteExistingDelayedTasksAfterShutdownPolicy());
			bean.setRemoveOnCancelPolicy(scheduler.getRemoveOnCancelPolicy());
			return bean;
		}
		if (target instanceof ThreadPoolExecutor pool) {
			ThreadPoolExecutor bean = (ThreadPoolExecutor) construct(proxyClass, ThreadPoolExecutor.class,
					new Class<?>[] { int.class, int.class, long.class, TimeUnit.class, BlockingQueue.class,
							ThreadFactory.class, RejectedExecutionHandler.class },
					pool.getCorePoolSize(), pool.getMaximumPoolSize(), pool.getKeepAliveTime(TimeUnit.NANOSECONDS),
					TimeUnit.NANOSECONDS, pool.getQueue(), pool.getThreadFactory(),
					new BeanRejection(pool.getRejectedExecutionHandler(), tracking));
			bean.allowCoreThreadTimeOut(pool.allowsCoreThreadTimeOut());
			return bean;
		}
		return objenesis.newInstance(proxyClass); // AbstractExecutorService has no state
													// of its own
	}

	/**
	 * A new {@code type} made by {@code base}'s constructor alone, as deserialization
	 * makes objects: the constructors of the classes between (the user's and the proxy's)
	 * do not run.
	 */
	private static Object construct(Class<?> type, Class<?> base, Class<?>[] parameterTypes, Object... args) {
		try {
			Class<?> factoryClass = Class.forName("sun.reflect.ReflectionFactory");
			Object factory = factoryClass.getMethod("getReflectionFactory").invoke(null);
			Method forSerialization = factoryClass.getMethod("newConstructorForSerialization", Class.class,
					Constructor.class);
			Constructor<?> constructor = (Constructor<?>) forSerialization.invoke(factory, type,
					base.getConstructor(parameterTypes));
			return constructor.newInstance(args);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("cannot take over the state of its " + base.getSimpleName() + ": " + ex,
					ex);
		}
	}

	/**
	 * The fields of the user's classes, those below the JDK executor class {@code base}.
	 */
	private static void copyFieldsBelow(Class<?> base, Object target, Object bean) {
		for (Class<?> type = target.getClass(); type != base; type = type.getSuperclass()) {
			for (Field field : type.getDeclaredFields()) {
				if (!Modifier.isStatic(field.getModifiers())) {
					ReflectionUtils.makeAccessible(field);
					ReflectionUtils.setField(field, bean, ReflectionUtils.getField(field, target));
				}
			}
		}
	}

}
