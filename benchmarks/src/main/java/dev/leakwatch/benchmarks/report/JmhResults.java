package dev.leakwatch.benchmarks.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * The runs in JMH's JSON result files ({@code -rf json}), looked up by benchmark method
 * and parameters. Runs of the same case in several files (rounds of the same profile) are
 * pooled: their iterations count together.
 */
final class JmhResults {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private final Map<String, Run> runs = new LinkedHashMap<>();

	private final ArrayNode all = MAPPER.createArrayNode();

	static JmhResults read(List<Path> files) {
		JmhResults results = new JmhResults();
		for (Path file : files) {
			for (JsonNode node : MAPPER.readTree(file.toFile())) {
				results.all.add(node);
				Run run = Run.of(node);
				results.runs.merge(run.key(), run, Run::pool);
			}
		}
		return results;
	}

	/** Writes every run read, as one JMH JSON array. */
	void write(Path file) {
		MAPPER.writeValue(file.toFile(), this.all);
	}

	List<Run> runs() {
		return List.copyOf(this.runs.values());
	}

	/**
	 * The run of {@code benchmark} ({@code SimpleClassName.method}) whose parameters
	 * include {@code params} (name, value pairs).
	 */
	Optional<Run> find(String benchmark, String... params) {
		for (Run run : this.runs.values()) {
			if (run.benchmark().equals(benchmark) && run.hasParams(params)) {
				return Optional.of(run);
			}
		}
		return Optional.empty();
	}

	/**
	 * One benchmark case: its primary score and the secondary ones (profilers, aux
	 * counters).
	 *
	 * @param benchmark {@code SimpleClassName.method}
	 * @param params the {@code @Param} values
	 * @param primary the score's iterations
	 * @param secondary the secondary metrics' iterations by name, without JMH's {@code ·}
	 * prefix
	 * @param jdkVersion the JDK that ran it
	 * @param vmName the JVM that ran it
	 */
	record Run(String benchmark, Map<String, String> params, Samples primary, Map<String, Samples> secondary,
			String jdkVersion, String vmName) {

		static Run of(JsonNode node) {
			String name = node.path("benchmark").asString();
			String[] parts = name.split("\\.");
			String benchmark = parts[parts.length - 2] + "." + parts[parts.length - 1];
			Map<String, String> params = new LinkedHashMap<>();
			node.path("params").forEachEntry((key, value) -> params.put(key, value.asString()));
			Map<String, Samples> secondary = new LinkedHashMap<>();
			node.path("secondaryMetrics")
				.forEachEntry((key, value) -> secondary.put(key.replace("\u00b7", ""), Samples.of(value)));
			return new Run(benchmark, params, Samples.of(node.path("primaryMetric")), secondary,
					node.path("jdkVersion").asString(), node.path("vmName").asString());
		}

		String key() {
			return this.benchmark + this.params;
		}

		/** This run with the iterations of another run of the same case added. */
		Run pool(Run other) {
			Map<String, Samples> secondary = new LinkedHashMap<>(this.secondary);
			other.secondary.forEach((name, samples) -> secondary.merge(name, samples, Samples::pool));
			return new Run(this.benchmark, this.params, this.primary.pool(other.primary), secondary, this.jdkVersion,
					this.vmName);
		}

		boolean hasParams(String... pairs) {
			for (int i = 0; i < pairs.length; i += 2) {
				if (!pairs[i + 1].equals(this.params.get(pairs[i]))) {
					return false;
				}
			}
			return true;
		}

		Metric score() {
			return this.primary.metric();
		}

		Optional<Metric> secondary(String name) {
			return Optional.ofNullable(this.secondary.get(name)).map(Samples::metric);
		}

	}

	/**
	 * The measured iterations of one metric (for counters, which JMH sums over
	 * iterations, each iteration's value).
	 */
	record Samples(List<Double> values, String unit) {

		static Samples of(JsonNode node) {
			List<Double> values = new ArrayList<>();
			for (JsonNode fork : node.path("rawData")) {
				for (JsonNode value : fork) {
					values.add(value.asDouble());
				}
			}
			if (values.isEmpty() && node.has("score")) {
				values.add(node.path("score").asDouble());
			}
			return new Samples(List.copyOf(values), node.path("scoreUnit").asString());
		}

		Samples pool(Samples other) {
			List<Double> values = new ArrayList<>(this.values);
			values.addAll(other.values);
			return new Samples(List.copyOf(values), this.unit);
		}

		Metric metric() {
			if (this.values.isEmpty()) {
				return new Metric(Double.NaN, 0, this.unit, 0);
			}
			List<Double> sorted = new ArrayList<>(this.values);
			Collections.sort(sorted);
			double spread = (quantile(sorted, 0.75) - quantile(sorted, 0.25)) / 2;
			return new Metric(quantile(sorted, 0.5), spread, this.unit, sorted.size());
		}

		/** Linear interpolation between the closest ranks. */
		private static double quantile(List<Double> sorted, double q) {
			double position = q * (sorted.size() - 1);
			int below = (int) Math.floor(position);
			int above = (int) Math.ceil(position);
			return sorted.get(below) + (position - below) * (sorted.get(above) - sorted.get(below));
		}

	}

	/**
	 * A score, taken as the median of the measured iterations rather than JMH's mean: on
	 * a shared 2-core machine an iteration disturbed by another process would otherwise
	 * move the whole score.
	 *
	 * @param median the median over every measured iteration of every fork and round
	 * @param spread half the interquartile range of the iterations, in the score's unit
	 * @param unit the unit
	 * @param samples how many iterations it is the median of
	 */
	record Metric(double median, double spread, String unit, int samples) {

		/** The spread relative to the median; 0 when unknown. */
		double relativeSpread() {
			return (this.median == 0 || Double.isNaN(this.median)) ? 0 : Math.abs(this.spread / this.median);
		}

	}

}
