package dev.leakwatch.core.thread;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Reads the filters of every {@link IdleThreadFilterProvider} a class loader sees. A
 * provider that cannot be loaded, throws, or returns {@code null} is logged as a warning
 * naming it and skipped: the others still count.
 */
public final class IdleThreadFilterProviders {

	private static final System.Logger logger = System.getLogger(IdleThreadFilterProviders.class.getName());

	private IdleThreadFilterProviders() {
	}

	/**
	 * The providers' filters in the order {@link ServiceLoader} finds them, each from
	 * {@code provider <class>}.
	 */
	public static List<IdleThreadFilter> load(ClassLoader classLoader) {
		List<IdleThreadFilter> filters = new ArrayList<>();
		Iterator<IdleThreadFilterProvider> providers = ServiceLoader.load(IdleThreadFilterProvider.class, classLoader)
			.iterator();
		while (true) {
			IdleThreadFilterProvider provider;
			try {
				if (!providers.hasNext()) {
					break;
				}
				provider = providers.next();
			}
			catch (ServiceConfigurationError ex) {
				// the iterator goes on with the next provider named
				logger.log(System.Logger.Level.WARNING,
						"idle-thread filter provider skipped, it could not be loaded: " + ex.getMessage(), ex);
				continue;
			}
			filters.addAll(filtersOf(provider));
		}
		return List.copyOf(filters);
	}

	private static List<IdleThreadFilter> filtersOf(IdleThreadFilterProvider provider) {
		String type = provider.getClass().getName();
		List<IdleThreadFilter> provided;
		try {
			provided = provider.idleThreadFilters();
		}
		catch (RuntimeException | LinkageError ex) {
			logger.log(System.Logger.Level.WARNING,
					"idle-thread filter provider " + type + " skipped, its idleThreadFilters() threw " + ex, ex);
			return List.of();
		}
		if (provided == null || provided.stream().anyMatch(Objects::isNull)) {
			logger.log(System.Logger.Level.WARNING, "idle-thread filter provider " + type + " skipped, its"
					+ " idleThreadFilters() returned " + ((provided == null) ? "null" : "a null filter"));
			return List.of();
		}
		String origin = "provider " + type;
		return provided.stream().map((filter) -> filter.from(origin)).toList();
	}

}
