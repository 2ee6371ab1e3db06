package dev.leakwatch.autoconfigure.executor;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.leakwatch.core.task.SubmitLabel;
import dev.leakwatch.core.task.TaskKind;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;

import org.springframework.aop.Advisor;
import org.springframework.aop.framework.Advised;
import org.springframework.aop.support.AopUtils;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.scheduling.annotation.AsyncAnnotationAdvisor;

/**
 * Names {@code @Async} tasks after their method. The executor only ever sees an anonymous
 * callable, so an advice placed just before Spring's async advice labels the submission
 * ({@link SubmitLabel}) while it is made on the caller's thread. Not {@code Ordered}, so
 * it runs after the async post-processor has made its proxy.
 */
public class AsyncTaskLabelPostProcessor implements BeanPostProcessor {

	private final AsyncLabelInterceptor interceptor = new AsyncLabelInterceptor();

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (!(bean instanceof Advised advised) || advised.isFrozen()) {
			return bean;
		}
		Advisor[] advisors = advised.getAdvisors();
		for (int i = 0; i < advisors.length; i++) {
			if (advisors[i] instanceof DefaultPointcutAdvisor existing && existing.getAdvice() == this.interceptor) {
				return bean;
			}
			if (advisors[i] instanceof AsyncAnnotationAdvisor async) {
				advised.addAdvisor(i, new DefaultPointcutAdvisor(async.getPointcut(), this.interceptor));
				return bean;
			}
		}
		return bean;
	}

	private static final class AsyncLabelInterceptor implements MethodInterceptor {

		private final Map<Method, SubmitLabel> labels = new ConcurrentHashMap<>();

		@Override
		public Object invoke(MethodInvocation invocation) throws Throwable {
			Class<?> targetClass = (invocation.getThis() != null) ? AopUtils.getTargetClass(invocation.getThis())
					: invocation.getMethod().getDeclaringClass();
			Method method = AopUtils.getMostSpecificMethod(invocation.getMethod(), targetClass);
			SubmitLabel label = this.labels.computeIfAbsent(method,
					(key) -> new SubmitLabel(TaskKind.ASYNC, targetClass.getSimpleName() + "." + key.getName()));
			SubmitLabel previous = SubmitLabel.apply(label);
			try {
				return invocation.proceed();
			}
			finally {
				SubmitLabel.restore(previous);
			}
		}

	}

}
