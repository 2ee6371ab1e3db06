package dev.leakwatch.benchmarks;

import java.util.Set;
import java.util.concurrent.ExecutorService;

import dev.leakwatch.autoconfigure.executor.ExecutorTrackingPostProcessor;
import dev.leakwatch.core.task.TaskTracker;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.support.GenericApplicationContext;

/**
 * An executor as a Spring user gets it with leakwatch: declared as a bean of its own
 * class in an application context whose {@link ExecutorTrackingPostProcessor} and
 * {@link TaskTracker} are set up as {@code LeakwatchAutoConfiguration} declares them,
 * then looked up. Whatever the post-processor makes of it (the executor taken over, a
 * forwarding proxy) is what is measured, the call's dispatch included.
 */
final class TrackedBeans {

	private TrackedBeans() {
	}

	@SuppressWarnings("unchecked")
	static <T extends ExecutorService> T of(T executor, boolean captureSubmitSite) {
		GenericApplicationContext context = new GenericApplicationContext();
		context.registerBean("leakwatchTaskTracker", TaskTracker.class, () -> new TaskTracker(captureSubmitSite));
		context.registerBean("executorTrackingPostProcessor", ExecutorTrackingPostProcessor.class,
				() -> new ExecutorTrackingPostProcessor(context.getBeanProvider(TaskTracker.class), Set::of),
				(definition) -> definition.setRole(BeanDefinition.ROLE_INFRASTRUCTURE));
		context.registerBean("bench", (Class<T>) executor.getClass(), () -> executor);
		context.refresh();
		return (T) context.getBean("bench");
	}

}
