package dev.leakwatch.autoconfigure.origin;

import dev.leakwatch.autoconfigure.LeakwatchAutoConfiguration;
import dev.leakwatch.core.detect.LeakDetector;
import dev.leakwatch.core.origin.OriginSettings;
import dev.leakwatch.core.origin.ThreadOrigins;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;

/**
 * Records where every thread is started ({@link ThreadOrigins}), from the JDK Flight
 * Recorder, while the context runs. {@code leakwatch.created-by.enabled=false} turns it
 * off; in a JVM without the recorder it stays off, with a note in the log.
 */
@AutoConfiguration(after = LeakwatchAutoConfiguration.class)
@ConditionalOnBean(LeakDetector.class)
@ConditionalOnBooleanProperty(name = "leakwatch.created-by.enabled", matchIfMissing = true)
public final class CreatedByAutoConfiguration {

	private static final Log logger = LogFactory.getLog(CreatedByAutoConfiguration.class);

	/**
	 * Started at once when the JVM can record thread starts; otherwise never started, and
	 * says why.
	 */
	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	ThreadOrigins leakwatchThreadOrigins(ObjectProvider<LeakDetector> detector) {
		ThreadOrigins origins = new ThreadOrigins(OriginSettings.defaults());
		if (origins.isAvailable()) {
			origins.start();
			detector.ifAvailable((leaks) -> leaks.setCreatedBy(origins::siteOf));
		}
		else {
			logger.info(
					"leakwatch does not record where threads are started (created by): " + origins.unavailableReason());
		}
		return origins;
	}

}
