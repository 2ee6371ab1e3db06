package dev.leakwatch.sample;

import java.util.concurrent.CompletableFuture;

import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;

/**
 * An {@code @Async} method, run on Boot's applicationTaskExecutor and tracked as kind
 * {@code async}.
 */
@Component
public class CacheRefresher {

	@Async
	public CompletableFuture<Long> refresh() {
		return CompletableFuture.completedFuture(HealthyWork.buildReport());
	}

}
