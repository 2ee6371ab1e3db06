package dev.leakwatch.autoconfigure.executor;

import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The executor's own code behind an overridden method of a taken-over bean: the accessor
 * CGLIB generates in the bean's class ({@code CGLIB$execute$0}, which calls
 * {@code super.execute}). Not CGLIB's {@code MethodProxy}: it would define a helper class
 * in the package of the method's declaring class, and the JDK's packages are closed to
 * that. The per-task methods ({@code execute} and a pool's hooks) get a lambda made by
 * {@link LambdaMetafactory} over the accessor, one per bean class: a plain call the JIT
 * inlines, where a method handle held in a field is not a constant and is not inlined.
 * The rest go through a method handle.
 */
final class SuperMethods {

	private static final MethodHandles.Lookup lookup = MethodHandles.lookup(); // the bean
																				// classes'
																				// package

	private static final ClassValue<SuperMethods> byClass = new ClassValue<>() {

		@Override
		protected SuperMethods computeValue(Class<?> beanClass) {
			return new SuperMethods(beanClass);
		}

	};

	private final Class<?> beanClass;

	private final Map<Method, MethodHandle> handles = new ConcurrentHashMap<>();

	private final Map<String, Object> calls = new ConcurrentHashMap<>();

	private SuperMethods(Class<?> beanClass) {
		this.beanClass = beanClass;
	}

	/** The super calls of {@code beanClass}, a class {@link TakenOverExecutors} made. */
	static SuperMethods of(Class<?> beanClass) {
		return byClass.get(beanClass);
	}

	/** A super call with one argument. */
	@FunctionalInterface
	interface OneArgument {

		void call(Object bean, Object argument);

	}

	/** A super call with two arguments. */
	@FunctionalInterface
	interface TwoArguments {

		void call(Object bean, Object first, Object second);

	}

	/** The super call of {@code name(type)}, which returns nothing. */
	OneArgument oneArgument(String name, Class<?> type) {
		return (OneArgument) this.calls.computeIfAbsent(name,
				(key) -> lambda(OneArgument.class, find(name, type), Object.class));
	}

	/** The super call of {@code name(first, second)}, which returns nothing. */
	TwoArguments twoArguments(String name, Class<?> first, Class<?> second) {
		return (TwoArguments) this.calls.computeIfAbsent(name,
				(key) -> lambda(TwoArguments.class, find(name, first, second), Object.class, Object.class));
	}

	private Object lambda(Class<?> type, Method accessor, Class<?>... erasedArguments) {
		MethodHandle direct = unreflect(accessor);
		try {
			MethodType erased = MethodType.methodType(void.class, erasedArguments)
				.insertParameterTypes(0, Object.class);
			return LambdaMetafactory
				.metafactory(lookup, "call", MethodType.methodType(type), erased, direct, direct.type())
				.getTarget()
				.invoke();
		}
		catch (Throwable ex) {
			throw new IllegalStateException("cannot call " + direct + " directly: " + ex, ex);
		}
	}

	/** {@code method}'s super call on {@code bean}, for calls off the per-task path. */
	Object invoke(Object bean, Method method, Object[] args) throws Throwable {
		MethodHandle handle = this.handles.computeIfAbsent(method, this::find);
		Object[] all = new Object[args.length + 1];
		all[0] = bean;
		System.arraycopy(args, 0, all, 1, args.length);
		return handle.invokeWithArguments(all);
	}

	/** CGLIB's accessor of the method {@code name(parameterTypes)} in the bean class. */
	private Method find(String name, Class<?>... parameterTypes) {
		for (Method method : this.beanClass.getDeclaredMethods()) {
			if (method.getName().startsWith("CGLIB$" + name + "$") && !Modifier.isStatic(method.getModifiers())
					&& Arrays.equals(method.getParameterTypes(), parameterTypes)) {
				return method;
			}
		}
		throw new IllegalStateException("no super call of " + name + " in " + this.beanClass.getName());
	}

	/** {@code method}'s super call, typed {@code (Object, parameters...)}. */
	private MethodHandle find(Method method) {
		MethodHandle handle = unreflect(find(method.getName(), method.getParameterTypes()));
		return handle.asType(handle.type().changeParameterType(0, Object.class));
	}

	private static MethodHandle unreflect(Method accessor) {
		try {
			return lookup.unreflect(accessor);
		}
		catch (IllegalAccessException ex) {
			throw new IllegalStateException("cannot call " + accessor + ": " + ex.getMessage(), ex);
		}
	}

}
