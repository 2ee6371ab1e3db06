package dev.leakwatch.core.origin;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * How many threads of a set were started from one site: 30 threads from one line are one
 * entry.
 *
 * @param site where they were started
 * @param count how many
 */
public record SiteCount(CreationSite site, int count) {

	/**
	 * The lines a text report shows for these threads, as in Go's dumps: the site's
	 * {@linkplain CreationSite#createdByLine() created by line}, with the count unless
	 * they are all {@code ofThreads}, then its other frames, indented.
	 */
	public List<String> createdByLines(int ofThreads) {
		List<String> lines = new ArrayList<>(this.site.frames().size());
		lines.add(this.site.createdByLine() + ((this.count != ofThreads)
				? " (" + this.count + ((this.count == 1) ? " thread)" : " threads)") : ""));
		for (String frame : this.site.frames()
			.subList(Math.min(1, this.site.frames().size()), this.site.frames().size())) {
			lines.add("    at " + frame);
		}
		return lines;
	}

	/**
	 * The created-by lines of every site in {@code tally}, largest first, for a suspect
	 * of {@code ofThreads}.
	 */
	public static List<String> createdByLines(List<SiteCount> tally, int ofThreads) {
		List<String> lines = new ArrayList<>();
		tally.forEach((site) -> lines.addAll(site.createdByLines(ofThreads)));
		return lines;
	}

	/**
	 * The sites of {@code threadIds}, largest count first, ties in order of first
	 * appearance.
	 */
	public static List<SiteCount> tally(long[] threadIds, LongFunction<CreationSite> sites) {
		Map<CreationSite, int[]> counts = new LinkedHashMap<>();
		for (long id : threadIds) {
			counts.computeIfAbsent(sites.apply(id), (site) -> new int[1])[0]++;
		}
		List<SiteCount> tally = new ArrayList<>(counts.size());
		counts.forEach((site, count) -> tally.add(new SiteCount(site, count[0])));
		tally.sort(Comparator.comparingInt(SiteCount::count).reversed());
		return tally;
	}

}
