package dev.leakwatch.autoconfigure;

import dev.leakwatch.autoconfigure.event.SuspectEventPublisher;
import dev.leakwatch.autoconfigure.executor.AsyncTaskLabelPostProcessor;
import dev.leakwatch.autoconfigure.executor.ExecutorTrackingPostProcessor;
import dev.leakwatch.core.detect.DetectorSettings;
import dev.leakwatch.core.detect.LeakDetector;
import dev.leakwatch.core.detect.LeakSampler;
import dev.leakwatch.core.proof.HeapProof;
import dev.leakwatch.core.proof.ProofSettings;
import dev.leakwatch.core.task.TaskTracker;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tracks every executor and scheduler bean, and samples running tasks and live threads
 * for leaks. {@code leakwatch.enabled=false} turns all of leakwatch off;
 * {@code leakwatch.executors.enabled=false} and {@code leakwatch.proof.enabled=false}
 * turn off executor tracking and heap proofs alone.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "leakwatch.enabled", matchIfMissing = true)
@EnableConfigurationProperties(LeakwatchProperties.class)
public final class LeakwatchAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	TaskTracker leakwatchTaskTracker(LeakwatchProperties properties) {
		return new TaskTracker(properties.isCaptureSubmitSite());
	}

	@Bean
	@ConditionalOnMissingBean
	LeakDetector leakwatchDetector(TaskTracker tracker, LeakwatchProperties properties, ApplicationContext context) {
		DetectorSettings settings = new DetectorSettings(properties.getStuckThreshold(), properties.getSampleInterval(),
				properties.getStackDepth(), properties.getThreads().getMaxFamilies(),
				IdleThreadFilters.of(properties.getIdle(), context), properties.getGrowthWindow(),
				properties.getPeriodicGrowth().getMinIncrease(), properties.getThreadGrowth().getMinIncrease(),
				properties.getVirtualThreads().enabled());
		return new LeakDetector(tracker, settings);
	}

	@Bean(initMethod = "start", destroyMethod = "close")
	@ConditionalOnMissingBean
	LeakSampler leakwatchSampler(LeakDetector detector, ApplicationEventPublisher publisher) {
		LeakSampler sampler = new LeakSampler(detector);
		sampler.addSuspectListener(new SuspectEventPublisher(publisher));
		return sampler;
	}

	/**
	 * Proof by heap reachability, when Shark is on the classpath, unless
	 * {@code leakwatch.proof.enabled=false}. Made at start-up, which deletes heap dumps a
	 * crashed earlier proof left behind.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "shark.HprofHeapGraph")
	@ConditionalOnBooleanProperty(name = "leakwatch.proof.enabled", matchIfMissing = true)
	static class HeapProofConfiguration {

		@Bean
		@ConditionalOnMissingBean
		HeapProof leakwatchHeapProof(LeakwatchProperties properties) {
			LeakwatchProperties.Proof proof = properties.getProof();
			ProofSettings settings = ProofSettings.defaults()
				.withMaxHeapBytes(proof.getMaxHeap().toBytes())
				.withTimeout(proof.getTimeout())
				.withStackDepth(properties.getStackDepth());
			return new HeapProof(
					(proof.getDirectory() != null) ? settings.withDirectory(proof.getDirectory()) : settings);
		}

	}

	/**
	 * The baseline of {@code /actuator/leaks/diff}: the threads of the application once
	 * it is ready.
	 */
	@Bean
	ApplicationListener<ApplicationReadyEvent> leakwatchBaselineOnReady(LeakDetector detector) {
		return (event) -> detector.recordBaseline();
	}

	/**
	 * Tracking of executor and scheduler beans, and so of {@code @Async} and
	 * {@code @Scheduled} tasks, unless {@code leakwatch.executors.enabled=false}: then
	 * every such bean stays the one the application made.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "leakwatch.executors.enabled", matchIfMissing = true)
	static class ExecutorTrackingConfiguration {

		// Static, and lazy in what it uses, so that it does not make those beans early.
		@Bean
		static ExecutorTrackingPostProcessor leakwatchExecutorTrackingPostProcessor(ObjectProvider<TaskTracker> tracker,
				ObjectProvider<LeakwatchProperties> properties) {
			return new ExecutorTrackingPostProcessor(tracker, () -> properties.getObject().getExecutors().getExclude());
		}

		@Bean
		static AsyncTaskLabelPostProcessor leakwatchAsyncTaskLabelPostProcessor() {
			return new AsyncTaskLabelPostProcessor();
		}

	}

}
