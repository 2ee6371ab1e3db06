package dev.leakwatch.benchmarks.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.leakwatch.benchmarks.report.JmhResults.Metric;
import dev.leakwatch.benchmarks.report.JmhResults.Run;

/**
 * Reads JMH JSON results and prints the comparison table: every case with leakwatch next
 * to the raw executor (or bare thread dump) and Micrometer (or Boot), the ratios, the
 * goal and whether it is met. Goals are reported, never enforced: the exit status is
 * non-zero only when a case has no result (a benchmark that did not run), so a CI smoke
 * pass fails on breakage and never on a noisy machine.
 * <p>
 * Usage:
 * {@code ResultsTable [--allow-missing] [--merge-into all.json] result.json [more.json ...]}.
 * Runs of the same case in several files (rounds) are pooled; {@code --merge-into} writes
 * every run read into one JMH JSON file; {@code --allow-missing} is for runs of a subset
 * of the benchmarks.
 */
public final class ResultsTable {

	static final String THROUGHPUT = "TaskThroughputBenchmark";

	static final String POOL_TASK_COST = "PoolTaskCostBenchmark";

	static final String LATENCY = "TaskLatencyBenchmark";

	static final String HEAP = "InFlightHeapBenchmark";

	static final String SAMPLER = "SamplerBenchmark";

	static final String ENDPOINT = "LeakEndpointBenchmark";

	static final String THREAD_START = "ThreadStartCostBenchmark";

	/** Issue 15's rate of thread starts, at which 1 µs per start is 0.1% of a core. */
	static final double STARTS_PER_SECOND = 1_000;

	/** The sampler's default interval, over which one sample's cost is spread. */
	static final double SAMPLE_INTERVAL_MICROS = 5_000_000;

	private final JmhResults results;

	private final List<Row> rows = new ArrayList<>();

	private final List<String> missing = new ArrayList<>();

	ResultsTable(JmhResults results) {
		this.results = results;
	}

	public static void main(String[] args) {
		List<Path> files = new ArrayList<>();
		boolean allowMissing = false;
		Path merged = null;
		for (int i = 0; i < args.length; i++) {
			if (args[i].equals("--allow-missing")) {
				allowMissing = true;
			}
			else if (args[i].equals("--merge-into") && i + 1 < args.length) {
				merged = Path.of(args[++i]);
			}
			else {
				files.add(Path.of(args[i]));
			}
		}
		if (files.isEmpty()) {
			System.err
				.println("usage: ResultsTable [--allow-missing] [--merge-into all.json] result.json [more.json ...]");
			System.exit(2);
		}
		JmhResults results = JmhResults.read(files);
		if (merged != null) {
			results.write(merged);
		}
		ResultsTable table = new ResultsTable(results);
		table.build();
		System.out.print(table.render());
		if (!table.missing.isEmpty() && !allowMissing) {
			System.err.println("No result for: " + String.join(", ", table.missing));
			System.exit(1);
		}
	}

	void build() {
		throughput();
		poolTaskCost();
		latency();
		heap();
		sampler();
		endpoint();
		threadStart();
	}

	private void throughput() {
		for (String task : List.of("noop", "1us")) {
			for (int producers : List.of(1, 2, 4)) {
				String benchmark = THROUGHPUT + ".producers" + producers;
				Optional<Run> raw = find(benchmark, "executor", "raw", "task", task);
				Optional<Run> leakwatch = find(benchmark, "executor", "leakwatch", "task", task);
				Optional<Run> micrometer = find(benchmark, "executor", "micrometer", "task", task);
				String label = String.format("%s, %d producer%s", taskLabel(task), producers,
						(producers == 1) ? "" : "s");
				if (raw.isEmpty() || leakwatch.isEmpty() || micrometer.isEmpty()) {
					missing("Throughput, " + label);
					continue;
				}
				throughputRow("Throughput, " + label, task, false, raw.get().score(), leakwatch.get().score(),
						micrometer.get().score(),
						"alloc B/task " + perTask("gc.alloc.rate.norm", raw, leakwatch, micrometer) + "; CPU ns/task "
								+ perTask("cpuNanosPerTask", raw, leakwatch, micrometer));
			}
		}
	}

	/**
	 * The pool's whole path per task, one side after the other: the throughput goals
	 * judged on the CPU a task costs, without the hand-offs of a concurrent pipeline.
	 */
	private void poolTaskCost() {
		for (String task : List.of("noop", "1us")) {
			String benchmark = POOL_TASK_COST + ".submitThenRun";
			Optional<Run> raw = find(benchmark, "executor", "raw", "task", task);
			Optional<Run> leakwatch = find(benchmark, "executor", "leakwatch", "task", task);
			Optional<Run> micrometer = find(benchmark, "executor", "micrometer", "task", task);
			String name = "Pool time per task, " + taskLabel(task) + ", no hand-off";
			if (raw.isEmpty() || leakwatch.isEmpty() || micrometer.isEmpty()) {
				missing(name);
				continue;
			}
			throughputRow(name, task, true, raw.get().score(), leakwatch.get().score(), micrometer.get().score(),
					"alloc B/task " + perTask("gc.alloc.rate.norm", raw, leakwatch, micrometer)
							+ "; ratios are throughput, time inverted");
		}
	}

	/** {@code "noop task"}, or the 1 µs task with what it measured on this machine. */
	private String taskLabel(String task) {
		if (!task.equals("1us")) {
			return task + " task";
		}
		return "1us task (" + find("Work.oneMicrosecond").map((run) -> format(run.score().median()) + " ns").orElse("?")
				+ ")";
	}

	/**
	 * Issue 13's goals: 1 µs tasks >= 0.98x raw; no-op tasks >= 0.90x raw and >= 2x
	 * Micrometer. Scores are tasks per time, or with {@code timePerTask} time per task,
	 * whose ratios are inverted into throughput.
	 */
	private void throughputRow(String name, String task, boolean timePerTask, Metric r, Metric l, Metric m,
			String notes) {
		double rawGoal = task.equals("1us") ? 0.98 : 0.90;
		double micrometerGoal = task.equals("1us") ? 1.0 : 2.0;
		double vsRaw = timePerTask ? r.median() / l.median() : l.median() / r.median();
		double vsMicrometer = timePerTask ? m.median() / l.median() : l.median() / m.median();
		boolean pass = vsRaw >= rawGoal && vsMicrometer >= micrometerGoal;
		boolean noisy = within(rawGoal, vsRaw, l, r) || within(micrometerGoal, vsMicrometer, l, m);
		this.rows.add(new Row(name, score(r), score(l), score(m), r.unit(), ratio(vsRaw), ratio(vsMicrometer),
				">= " + rawGoal + "x raw, >= " + ratio(micrometerGoal) + " Micrometer", verdict(pass, noisy), notes));
	}

	/**
	 * The goal is judged on the caller-runs cases, which isolate what a decorator adds;
	 * the hand-off case shows the scale of a real submit-to-completion, whose wake-up
	 * jitter is larger than the goal.
	 */
	private void latency() {
		record Case(String method, String name, boolean judged) {
		}
		for (Case each : List.of(new Case("handOff", "Latency, execute on 2-thread pool to completion", false),
				new Case("callerRunsExecute", "Added latency, execute (caller-runs executor bean)", true),
				new Case("callerRunsPolicyExecute", "Added latency, execute (saturated pool bean, CallerRunsPolicy)",
						true),
				new Case("callerRunsSubmit", "Added latency, submit (caller-runs executor bean)", false))) {
			String benchmark = LATENCY + "." + each.method();
			Optional<Run> raw = find(benchmark, "executor", "raw");
			Optional<Run> leakwatch = find(benchmark, "executor", "leakwatch");
			Optional<Run> micrometer = find(benchmark, "executor", "micrometer");
			if (raw.isEmpty() || leakwatch.isEmpty() || micrometer.isEmpty()) {
				missing(each.name());
				continue;
			}
			Metric r = raw.get().score();
			Metric l = leakwatch.get().score();
			Metric m = micrometer.get().score();
			double added = l.median() - r.median();
			double uncertainty = Math.hypot(l.spread(), r.spread());
			boolean pass = added <= 10; // issue 13: <= +10 ns per execute, as the bean is
										// got from the context
			boolean noisy = Math.abs(added - 10) < uncertainty;
			this.rows.add(new Row(each.name(), score(r), score(l), score(m), r.unit(), signed(added) + " ns",
					signed(l.median() - m.median()) + " ns", each.judged() ? "<= raw + 10 ns" : "reported",
					each.judged() ? verdict(pass, noisy) : "-",
					"Micrometer adds " + signed(m.median() - r.median()) + " ns"));
		}
	}

	private void heap() {
		Optional<Run> raw = find(HEAP + ".submit", "executor", "raw");
		Optional<Run> leakwatch = find(HEAP + ".submit", "executor", "leakwatch");
		Optional<Run> capture = find(HEAP + ".submit", "executor", "leakwatch-capture");
		Optional<Run> micrometer = find(HEAP + ".submit", "executor", "micrometer");
		String name = "Heap per queued task, capture off";
		if (raw.isEmpty() || leakwatch.isEmpty() || micrometer.isEmpty()) {
			missing(name);
		}
		else {
			double r = retained(raw.get());
			double l = retained(leakwatch.get());
			double m = retained(micrometer.get());
			this.rows.add(new Row(name, format(r), format(l), format(m), "B/task", signed(l - r) + " B",
					signed(l - m) + " B", "<= raw + 96 B", verdict(l - r <= 96, false),
					"submit " + format(raw.get().score().median()) + " / " + format(leakwatch.get().score().median())
							+ " / " + format(micrometer.get().score().median()) + " ns"));
		}
		name = "Heap per queued task, capture on";
		if (raw.isEmpty() || capture.isEmpty()) {
			missing(name);
		}
		else {
			double r = retained(raw.get());
			double c = retained(capture.get());
			this.rows.add(new Row(name, format(r), format(c), "", "B/task", signed(c - r) + " B", "", "reported", "-",
					"submit with stack walk " + format(capture.get().score().median()) + " ns"));
		}
	}

	private void sampler() {
		for (String threads : List.of("1000", "10000")) {
			for (String tasks : List.of("fresh", "stuck")) {
				String name = String.format("Sampler, %,d threads, %s tasks", Integer.parseInt(threads), tasks);
				Optional<Run> run = find(SAMPLER + ".sample", "threads", threads, "tasks", tasks);
				if (run.isEmpty()) {
					missing(name);
					continue;
				}
				Metric sample = run.get().score();
				double share = sample.median() / SAMPLE_INTERVAL_MICROS * 100;
				boolean goal = threads.equals("1000");
				this.rows.add(new Row(name, "", score(sample), "", sample.unit() + " per sample", "", "",
						goal ? "<= 1% of a core at 5 s" : "reported", goal ? verdict(share <= 1.0, false) : "-",
						String.format(Locale.ROOT, "%.4f%% of a core at 5 s; alloc %s per sample", share,
								bytes(run.get().secondary("gc.alloc.rate.norm")))));
			}
		}
	}

	private void endpoint() {
		Optional<Run> bare = find(ENDPOINT + ".bareDump");
		Optional<Run> report = find(ENDPOINT + ".leakwatchReport");
		Optional<Run> text = find(ENDPOINT + ".leakwatchText");
		Optional<Run> boot = find(ENDPOINT + ".bootText");
		String name = "Endpoint time, 10,000 threads (report + text)";
		if (bare.isEmpty() || report.isEmpty() || text.isEmpty() || boot.isEmpty()) {
			missing(name);
			return;
		}
		Metric b = bare.get().score();
		Metric t = text.get().score();
		Metric s = boot.get().score();
		double vsBare = t.median() / b.median();
		this.rows.add(new Row(name, score(b), score(t), score(s), b.unit(), ratio(vsBare),
				ratio(t.median() / s.median()), "<= 1.5x bare dump", verdict(vsBare <= 1.5, within(1.5, vsBare, t, b)),
				"floor: dumpAllThreads(false, false); report alone " + format(report.get().score().median()) + " "
						+ b.unit()));
		name = "Endpoint text size, 10,000 threads";
		Optional<Metric> leakwatchChars = text.get().secondary("textChars");
		Optional<Metric> bootChars = boot.get().secondary("textChars");
		if (leakwatchChars.isEmpty() || bootChars.isEmpty()) {
			missing(name);
			return;
		}
		double l = leakwatchChars.get().median();
		double f = bootChars.get().median();
		this.rows.add(new Row(name, "", format(l), format(f), "bytes", "", percent(l / f), "<= 5% of Boot's text",
				verdict(l / f <= 0.05, false), "Boot's text thread dump is the flat baseline"));
	}

	/**
	 * What recording "created by" costs the thread that starts a thread: JFR writes the
	 * start's event and stack there. Reported against a plain JFR recording of the same
	 * event, which is what any recording of where threads start costs. Reported, not
	 * judged: issue 15's CPU goal counts this share and the recorder's threads' together,
	 * and those {@code CreatedByCost} measures.
	 */
	private void threadStart() {
		String benchmark = THREAD_START + ".startAndJoin";
		Optional<Metric> off = cpuPerStart(benchmark, "off");
		Optional<Metric> event = cpuPerStart(benchmark, "eventOnly");
		Optional<Metric> plain = cpuPerStart(benchmark, "eventAndStack");
		Optional<Metric> leakwatch = cpuPerStart(benchmark, "leakwatch");
		String name = "Created by, starting thread's CPU per thread start";
		if (off.isEmpty() || event.isEmpty() || plain.isEmpty() || leakwatch.isEmpty()) {
			missing(name);
			return;
		}
		double o = off.get().median();
		double l = leakwatch.get().median();
		this.rows.add(new Row(name, score(off.get()), score(leakwatch.get()), score(plain.get()), "ns CPU",
				signed(l - o) + " ns", signed(l - plain.get().median()) + " ns", "reported", "-",
				String.format(Locale.ROOT,
						"%.2f%% of a core at %,.0f starts/s; the third column is a plain JFR recording of"
								+ " jdk.ThreadStart with stacks, without them %s ns over no recording",
						(l - o) * STARTS_PER_SECOND / 1e9 * 100, STARTS_PER_SECOND, signed(event.get().median() - o))));
	}

	private Optional<Metric> cpuPerStart(String benchmark, String recording) {
		return find(benchmark, "recording", recording).flatMap((run) -> run.secondary("cpuNanosPerOp"));
	}

	String render() {
		StringBuilder out = new StringBuilder();
		this.results.runs()
			.stream()
			.findFirst()
			.ifPresent(
					(run) -> out
						.append(String.format(
								"JDK %s, %s. Scores are medians of the measured iterations of all rounds;"
										+ " +-%% is half their interquartile range.%n%n",
								run.jdkVersion(), run.vmName())));
		out.append("| Case | Raw / floor | leakwatch | Micrometer / Boot | Unit | vs raw | vs Micrometer / Boot "
				+ "| Goal | Result | Notes |\n");
		out.append("|---|--:|--:|--:|---|--:|--:|---|---|---|\n");
		for (Row row : this.rows) {
			out.append("| ").append(String.join(" | ", row.cells())).append(" |\n");
		}
		for (String name : this.missing) {
			out.append("| ").append(name).append(" | | | | | | | | MISSING | benchmark did not run |\n");
		}
		long passed = this.rows.stream().filter((row) -> row.result().startsWith("PASS")).count();
		long failed = this.rows.stream().filter((row) -> row.result().startsWith("FAIL")).count();
		out.append(String.format("%nGoals: %d met, %d missed, %d missing.%n", passed, failed, this.missing.size()));
		return out.toString();
	}

	private Optional<Run> find(String benchmark, String... params) {
		return this.results.find(benchmark, params);
	}

	private void missing(String name) {
		this.missing.add(name);
	}

	private static double retained(Run run) {
		return run.secondary("retainedBytesPerTask").map(Metric::median).orElse(Double.NaN);
	}

	/** The secondary metric {@code name} of each run, {@code "raw / leakwatch / ..."}. */
	@SafeVarargs
	private static String perTask(String name, Optional<Run>... runs) {
		List<String> figures = new ArrayList<>();
		for (Optional<Run> run : runs) {
			figures
				.add(run.flatMap((each) -> each.secondary(name)).map((metric) -> format(metric.median())).orElse("?"));
		}
		return String.join(" / ", figures);
	}

	private static String bytes(Optional<Metric> metric) {
		return metric.map((each) -> format(each.median()) + " B").orElse("?");
	}

	/** Whether {@code goal} lies within the combined spread of a ratio of two scores. */
	private static boolean within(double goal, double ratio, Metric a, Metric b) {
		double error = ratio * Math.hypot(a.relativeSpread(), b.relativeSpread());
		return Math.abs(ratio - goal) < error;
	}

	private static String verdict(boolean pass, boolean noisy) {
		return (pass ? "PASS" : "FAIL") + (noisy ? " (within noise)" : "");
	}

	private static String score(Metric metric) {
		String score = format(metric.median());
		double spread = metric.relativeSpread();
		return (metric.samples() > 1) ? score + String.format(Locale.ROOT, " +-%.0f%%", spread * 100) : score;
	}

	private static String ratio(double ratio) {
		return String.format(Locale.ROOT, "%.2fx", ratio);
	}

	private static String percent(double fraction) {
		return String.format(Locale.ROOT, "%.2f%%", fraction * 100);
	}

	private static String signed(double value) {
		return ((value >= 0) ? "+" : "") + format(value);
	}

	/** Three significant figures, no exponent, thousands grouped. */
	static String format(double value) {
		if (Double.isNaN(value)) {
			return "?";
		}
		double magnitude = Math.abs(value);
		if (magnitude >= 100) {
			return String.format(Locale.ROOT, "%,.0f", value);
		}
		if (magnitude >= 10) {
			return String.format(Locale.ROOT, "%.1f", value);
		}
		return String.format(Locale.ROOT, "%.2f", value);
	}

	record Row(String name, String raw, String leakwatch, String alternative, String unit, String vsRaw,
			String vsAlternative, String goal, String result, String notes) {

		List<String> cells() {
			return List.of(this.name, this.raw, this.leakwatch, this.alternative, this.unit, this.vsRaw,
					this.vsAlternative, this.goal, this.result, this.notes);
		}

	}

}
