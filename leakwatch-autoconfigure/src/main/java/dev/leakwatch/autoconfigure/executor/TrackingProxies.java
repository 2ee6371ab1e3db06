package dev.leakwatch.autoconfigure.executor;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.LinkedHashSet;
import java.util.Set;

import dev.leakwatch.core.task.TaskSource;

import org.springframework.cglib.proxy.Callback;
import org.springframework.cglib.proxy.CallbackFilter;
import org.springframework.cglib.proxy.Enhancer;
import org.springframework.cglib.proxy.Factory;
import org.springframework.cglib.proxy.MethodInterceptor;
import org.springframework.cglib.proxy.NoOp;
import org.springframework.objenesis.SpringObjenesis;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Makes the bean that replaces an executor bean. A JDK executor not yet started is taken
 * over ({@link TakenOverExecutors}): the bean is then the executor itself. Any other bean
 * is forwarded to by a proxy: a subclass of the bean's own class where that class can be
 * subclassed faithfully, so that a bean declared as {@code ThreadPoolExecutor} or
 * {@code ThreadPoolTaskExecutor} still injects as that type; otherwise a JDK proxy of its
 * interfaces, when the bean is declared by an interface. A final method (Spring's
 * {@code getThreadFactory}, say) runs on the proxy itself, so the proxy gets a copy of
 * the bean's fields: such methods answer as the bean did when it was proxied. The
 * subclass is generated in this package rather than the bean class's: the JDK's own
 * executors live in {@code java.util.concurrent}, where no class can be added.
 */
final class TrackingProxies {

	private static final SpringObjenesis objenesis = new SpringObjenesis();

	private TrackingProxies() {
	}

	/**
	 * The bean that tracks {@code target} under {@code source}: one that took it over, or
	 * a proxy routing calls to it.
	 * @param declaredInterface whether the bean is declared by an interface type, so that
	 * a JDK proxy keeps every injection point working
	 * @throws IllegalStateException with the reason, when no faithful proxy can be made
	 */
	static Object create(Object target, TaskSource source, boolean declaredInterface) {
		Class<?> type = target.getClass();
		String unsubclassable = whyNotSubclassable(type);
		if (unsubclassable == null && TakenOverExecutors.canTakeOver(target)) {
			return TakenOverExecutors.create(target, source);
		}
		TrackingInvocations invocations = new TrackingInvocations(target, source);
		if (unsubclassable == null) {
			Object proxy = subclassProxy(type, invocations);
			if (finalMethodOf(type) != null) {
				// a final method cannot be passed on: it runs on the proxy, so give the
				// proxy the bean's state
				ReflectionUtils.shallowCopyFieldState(target, proxy);
			}
			return proxy;
		}
		if (!declaredInterface) {
			throw new IllegalStateException(unsubclassable + ", and the bean is declared as that class");
		}
		return interfaceProxy(type, invocations);
	}

	private static String whyNotSubclassable(Class<?> type) {
		if (!Modifier.isPublic(type.getModifiers())) {
			return type.getName() + " is not public";
		}
		if (Modifier.isFinal(type.getModifiers())) {
			return type.getName() + " is final";
		}
		Method finalMethod = finalMethodOf(type);
		if (finalMethod != null && finalMethod.getDeclaringClass().getName().startsWith("java.")) {
			// its state cannot be copied into the proxy (the JDK's packages are closed to
			// reflection)
			return type.getName() + " has final method " + finalMethod.getName();
		}
		return null;
	}

	private static Method finalMethodOf(Class<?> type) {
		for (Class<?> c = type; c != Object.class; c = c.getSuperclass()) {
			for (Method method : c.getDeclaredMethods()) {
				int modifiers = method.getModifiers();
				if (Modifier.isPublic(modifiers) && Modifier.isFinal(modifiers) && !Modifier.isStatic(modifiers)) {
					return method;
				}
			}
		}
		return null;
	}

	private static Object subclassProxy(Class<?> type, TrackingInvocations invocations) {
		Enhancer enhancer = new Enhancer();
		enhancer.setSuperclass(type);
		enhancer.setInterfaces(new Class<?>[] { TrackedExecutorBean.class });
		enhancer.setContextClass(TrackingProxies.class);
		enhancer.setClassLoader(TrackingProxies.class.getClassLoader());
		enhancer.setUseFactory(true);
		enhancer.setNamingPolicy((prefix, source, key, names) -> uniqueName(type, names));
		enhancer.setCallbackTypes(new Class<?>[] { MethodInterceptor.class, NoOp.class });
		enhancer.setCallbackFilter(PUBLIC_METHODS);
		Class<?> proxyClass = enhancer.createClass();
		Factory proxy = (Factory) objenesis.newInstance(proxyClass);
		MethodInterceptor interceptor = (obj, method, args, methodProxy) -> invocations.invoke(obj, method, args);
		proxy.setCallbacks(new Callback[] { interceptor, NoOp.INSTANCE });
		return proxy;
	}

	/**
	 * Public methods go to the invocations; the rest (protected hooks) are never called
	 * on the proxy.
	 */
	private static final CallbackFilter PUBLIC_METHODS = (method) -> Modifier.isPublic(method.getModifiers()) ? 0 : 1;

	static String uniqueName(Class<?> type, org.springframework.cglib.core.Predicate names) {
		String base = TrackingProxies.class.getPackageName() + "." + type.getName().replace('.', '_')
				+ "$$LeakwatchTracked";
		String name = base;
		for (int i = 1; names.evaluate(name); i++) {
			name = base + i;
		}
		return name;
	}

	private static Object interfaceProxy(Class<?> type, TrackingInvocations invocations) {
		Set<Class<?>> interfaces = new LinkedHashSet<>();
		for (Class<?> candidate : ClassUtils.getAllInterfacesForClassAsSet(type)) {
			if (Modifier.isPublic(candidate.getModifiers())) {
				interfaces.add(candidate);
			}
		}
		interfaces.add(TrackedExecutorBean.class);
		return Proxy.newProxyInstance(TrackingProxies.class.getClassLoader(), interfaces.toArray(Class<?>[]::new),
				invocations::invoke);
	}

}
