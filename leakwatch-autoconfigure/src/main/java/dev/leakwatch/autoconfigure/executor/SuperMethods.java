package dev.leakwatch.autoconfigure.executor;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The executor's own code behind an overridden method of a taken-over bean: the accessor CGLIB generates in
 * the bean's class ({@code CGLIB$execute$0}, which calls {@code super.execute}), as a method handle. Not CGLIB's
 * {@code MethodProxy}: it would define a helper class in the package of the method's declaring class, and the
 * JDK's packages are closed to that.
 */
final class SuperMethods {

	private static final MethodHandles.Lookup lookup = MethodHandles.lookup(); // the bean classes' package

	private final Class<?> beanClass;

	private final Map<Method, MethodHandle> handles = new ConcurrentHashMap<>();

	SuperMethods(Class<?> beanClass) {
		this.beanClass = beanClass;
	}

	/** {@code method}'s super call on {@code bean}, for calls off the per-task path. */
	Object invoke(Object bean, Method method, Object[] args) throws Throwable {
		MethodHandle handle = this.handles.computeIfAbsent(method, this::find);
		Object[] all = new Object[args.length + 1];
		all[0] = bean;
		System.arraycopy(args, 0, all, 1, args.length);
		return handle.invokeWithArguments(all);
	}

	/** The super call of the method {@code name(parameterTypes)}, typed {@code (Object, parameters...)}. */
	MethodHandle find(String name, Class<?>... parameterTypes) {
		for (Method method : this.beanClass.getDeclaredMethods()) {
			if (method.getName().startsWith("CGLIB$" + name + "$") && !Modifier.isStatic(method.getModifiers())
					&& Arrays.equals(method.getParameterTypes(), parameterTypes)) {
				return find(method);
			}
		}
		throw new IllegalStateException("no super call of " + name + " in " + this.beanClass.getName());
	}

	private MethodHandle find(Method method) {
		if (!method.getName().startsWith("CGLIB$")) {
			return find(method.getName(), method.getParameterTypes());
		}
		try {
			MethodHandle handle = lookup.unreflect(method);
			return handle.asType(handle.type().changeParameterType(0, Object.class));
		}
		catch (IllegalAccessException ex) {
			throw new IllegalStateException("cannot call " + method + ": " + ex.getMessage(), ex);
		}
	}

	static MethodType type(Class<?> returnType, Class<?>... parameterTypes) {
		return MethodType.methodType(returnType, parameterTypes).insertParameterTypes(0, Object.class);
	}

}
