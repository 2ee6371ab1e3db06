package dev.leakwatch.sample;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.leakwatch.sample.leaks.Leak;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * One endpoint per classic leak, {@code POST /leaks/{name}?count=n}, each leaking a
 * bounded amount per call; {@code GET /leaks} says what is outstanding and
 * {@code POST /leaks/reset} releases it.
 */
@RestController
@RequestMapping("/leaks")
public class LeakController {

	/**
	 * Releasing one leak can start queued tasks that another then holds; a few passes
	 * settle it.
	 */
	private static final int MAX_RELEASE_PASSES = 5;

	private final Map<String, Leak> leaks;

	LeakController(List<Leak> leaks) {
		this.leaks = leaks.stream().collect(Collectors.toMap(Leak::name, Function.identity(), (a, b) -> {
			throw new IllegalStateException("two leaks named " + a.name());
		}, TreeMap::new));
	}

	/** What each leak holds now. */
	@GetMapping
	Map<String, Integer> outstanding() {
		Map<String, Integer> outstanding = new TreeMap<>();
		this.leaks.forEach((name, leak) -> outstanding.put(name, leak.outstanding()));
		return outstanding;
	}

	@PostMapping("/{name}")
	Map<String, Object> leak(@PathVariable String name, @RequestParam(defaultValue = "1") String count) {
		Leak leak = this.leaks.get(name);
		if (leak == null) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND,
					"no leak named '" + name + "'; there are " + this.leaks.keySet());
		}
		int units = parseCount(leak, count);
		leak.leak(units);
		return Map.of("leak", name, "leaked", units, "outstanding", leak.outstanding());
	}

	/**
	 * Releases every leak the JVM lets go of; runs off the event loop, since releasing
	 * waits.
	 */
	@PostMapping("/reset")
	Mono<Map<String, Map<String, Integer>>> reset() {
		return Mono.fromCallable(() -> Map.of("released", releaseAll())).subscribeOn(Schedulers.boundedElastic());
	}

	private static int parseCount(Leak leak, String count) {
		String allowed = (leak.maxPerCall() == 1) ? "1" : "a whole number from 1 to " + leak.maxPerCall();
		try {
			int units = Integer.parseInt(count.strip());
			if (units >= 1 && units <= leak.maxPerCall()) {
				return units;
			}
		}
		catch (NumberFormatException ex) {
			// answered below
		}
		throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
				"count for " + leak.name() + " must be " + allowed + ", was '" + count + "'");
	}

	private synchronized Map<String, Integer> releaseAll() {
		Map<String, Integer> released = new TreeMap<>();
		for (int pass = 0; pass < MAX_RELEASE_PASSES; pass++) {
			int releasedInPass = 0;
			for (Leak leak : this.leaks.values()) {
				int count = leak.release();
				if (count > 0) {
					released.merge(leak.name(), count, Integer::sum);
					releasedInPass += count;
				}
			}
			if (releasedInPass == 0) {
				break;
			}
		}
		return released;
	}

}
