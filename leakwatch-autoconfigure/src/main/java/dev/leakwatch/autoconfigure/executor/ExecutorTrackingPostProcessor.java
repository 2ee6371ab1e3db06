package dev.leakwatch.autoconfigure.executor;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

import dev.leakwatch.core.task.TaskKind;
import dev.leakwatch.core.task.TaskTracker;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.DestructionAwareBeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.ResolvableType;
import org.springframework.scheduling.TaskScheduler;

/**
 * Replaces every executor and scheduler bean ({@link Executor}, {@code ExecutorService},
 * Spring's {@code TaskExecutor}, {@link TaskScheduler}) with a tracking proxy of the same
 * type. Beans named in {@code leakwatch.executors.exclude} are left alone; a bean that
 * cannot be proxied faithfully is left alone too, and named once in the log with the
 * reason.
 */
public class ExecutorTrackingPostProcessor
		implements DestructionAwareBeanPostProcessor, BeanFactoryAware, DisposableBean {

	private static final Log logger = LogFactory.getLog(ExecutorTrackingPostProcessor.class);

	private final ObjectProvider<TaskTracker> tracker;

	private final Supplier<Set<String>> excluded;

	private ConfigurableListableBeanFactory beanFactory;

	private final Map<String, Object> tracked = new ConcurrentHashMap<>();

	/**
	 * The tracker of the tracked beans, kept for the shutdown report: at destruction no
	 * bean is looked up.
	 */
	private volatile TaskTracker trackerInUse;

	public ExecutorTrackingPostProcessor(ObjectProvider<TaskTracker> tracker, Supplier<Set<String>> excluded) {
		this.tracker = tracker;
		this.excluded = excluded;
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		if (beanFactory instanceof ConfigurableListableBeanFactory listable) {
			this.beanFactory = listable;
		}
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
		if (!isExecutor(bean) || bean instanceof TrackedExecutorBean || this.excluded.get().contains(beanName)) {
			return bean;
		}
		TaskKind kind = (bean instanceof ScheduledExecutorService || bean instanceof TaskScheduler) ? TaskKind.SCHEDULER
				: TaskKind.EXECUTOR;
		TaskTracker taskTracker = this.tracker.getObject();
		this.trackerInUse = taskTracker;
		try {
			Object proxy = TrackingProxies.create(bean, taskTracker.source(beanName, kind),
					isDeclaredByInterface(beanName));
			this.tracked.put(beanName, proxy);
			return proxy;
		}
		catch (RuntimeException | LinkageError ex) {
			logger.warn("leakwatch cannot track executor bean '" + beanName + "' (" + bean.getClass().getName() + "): "
					+ ex.getMessage() + "; it runs untracked");
			return bean;
		}
	}

	/**
	 * Spring destroys the object the bean definition created; an executor taken over is
	 * another object, the bean, which gets the same destruction (destroy method,
	 * {@code DisposableBean}) here. The original, never started, gets it too, from
	 * Spring.
	 */
	@Override
	public void postProcessBeforeDestruction(Object bean, String beanName) {
		Object tracked = this.tracked.get(beanName);
		if (tracked instanceof TakenOverBean && tracked != bean && this.beanFactory != null) {
			this.beanFactory.destroyBean(beanName, tracked);
		}
	}

	@Override
	public boolean requiresDestruction(Object bean) {
		return isExecutor(bean);
	}

	/**
	 * Destroyed after the beans it tracked (it was created before them): logs once what
	 * they left running.
	 */
	@Override
	public void destroy() {
		if (this.tracked.isEmpty()) {
			return;
		}
		String report = ShutdownReport.of(this.tracked, this.trackerInUse);
		if (report != null) {
			logger.warn(report);
		}
		this.tracked.clear();
	}

	private static boolean isExecutor(Object bean) {
		return bean instanceof Executor || bean instanceof TaskScheduler;
	}

	/**
	 * Whether every injection point can only ask for an interface: the bean is declared
	 * by one.
	 */
	private boolean isDeclaredByInterface(String beanName) {
		if (this.beanFactory == null || !this.beanFactory.containsBeanDefinition(beanName)) {
			return false;
		}
		ResolvableType declared = this.beanFactory.getMergedBeanDefinition(beanName).getResolvableType();
		Class<?> type = declared.resolve();
		return type != null && type.isInterface();
	}

}
