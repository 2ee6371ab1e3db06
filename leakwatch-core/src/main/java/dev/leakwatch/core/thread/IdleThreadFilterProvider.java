package dev.leakwatch.core.thread;

import java.util.List;

/**
 * Idle-thread filters a library ships for the threads it parks by design (a connection
 * pool's housekeeper, a client's event loop), so that neither leakwatch's detector nor
 * its JUnit extension reports them. Found with {@link java.util.ServiceLoader}: name the
 * implementation in
 * {@code META-INF/services/dev.leakwatch.core.thread.IdleThreadFilterProvider} of the
 * library's jar. It needs a public no-argument constructor.
 *
 * @see IdleThreadFilterProviders
 */
public interface IdleThreadFilterProvider {

	/**
	 * The library's filters; each is listed with this provider's class as its origin.
	 */
	List<IdleThreadFilter> idleThreadFilters();

}
