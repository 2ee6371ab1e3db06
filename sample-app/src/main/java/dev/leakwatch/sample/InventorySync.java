package dev.leakwatch.sample;

import dev.leakwatch.sample.upstream.UpstreamClient;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClientException;

/**
 * Healthy work with a latent bug: every second it reads the inventory from the upstream
 * with a blocking WebClient call and no timeout. Harmless while the upstream answers;
 * {@code POST /leaks/scheduled-hang} makes it stop answering, and this job then holds
 * Boot's only scheduler thread.
 */
@Component
class InventorySync {

	private static final Log logger = LogFactory.getLog(InventorySync.class);

	private final UpstreamClient upstream;

	InventorySync(UpstreamClient upstream) {
		this.upstream = upstream;
	}

	@Scheduled(fixedDelay = 1000)
	void sync() {
		this.upstream.client().ifPresent((client) -> {
			try {
				// the bug: no timeout, so an upstream that never answers holds this
				// thread forever
				String inventory = client.get().uri("/upstream/inventory").retrieve().bodyToMono(String.class).block();
				logger.trace("inventory: " + inventory);
			}
			catch (WebClientException ex) {
				logger.debug("inventory sync failed; the next run tries again", ex);
			}
		});
	}

}
