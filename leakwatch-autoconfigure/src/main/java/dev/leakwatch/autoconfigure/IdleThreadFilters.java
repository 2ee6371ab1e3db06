package dev.leakwatch.autoconfigure;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import dev.leakwatch.core.thread.IdleThreadFilter;
import dev.leakwatch.core.thread.IdleThreadFilterProvider;
import dev.leakwatch.core.thread.IdleThreadFilterProviders;
import dev.leakwatch.core.thread.IdleThreadPatterns;
import dev.leakwatch.core.thread.IdleThreads;

import org.springframework.beans.factory.BeanFactoryUtils;
import org.springframework.context.ApplicationContext;

/**
 * The idle-thread filters the detector applies, each with where it came from: the
 * defaults, those libraries ship ({@link IdleThreadFilterProvider}s the context's class
 * loader sees), the {@code leakwatch.idle} properties', and the {@link IdleThreadFilter}
 * beans in their order.
 */
final class IdleThreadFilters {

	private IdleThreadFilters() {
	}

	static List<IdleThreadFilter> of(LeakwatchProperties.Idle properties, ApplicationContext context) {
		List<IdleThreadFilter> filters = new ArrayList<>(IdleThreads.DEFAULTS);
		filters.addAll(IdleThreadFilterProviders.load(context.getClassLoader()));
		properties.getThreadNames()
			.forEach((pattern) -> filters
				.add(IdleThreadPatterns.threadName(pattern).from("property leakwatch.idle.thread-names")));
		properties.getFrames()
			.forEach((frame) -> filters.add(IdleThreadPatterns.frame(frame).from("property leakwatch.idle.frames")));
		filters.addAll(beans(context));
		return filters;
	}

	private static List<IdleThreadFilter> beans(ApplicationContext context) {
		Map<IdleThreadFilter, String> names = new IdentityHashMap<>();
		BeanFactoryUtils.beansOfTypeIncludingAncestors(context, IdleThreadFilter.class)
			.forEach((name, filter) -> names.put(filter, name));
		return context.getBeanProvider(IdleThreadFilter.class)
			.orderedStream()
			.map((filter) -> filter.from("bean " + names.get(filter)))
			.toList();
	}

}
