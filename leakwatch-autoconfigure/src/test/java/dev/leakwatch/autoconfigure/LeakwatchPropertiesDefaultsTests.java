package dev.leakwatch.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

import dev.leakwatch.core.detect.DetectorSettings;
import dev.leakwatch.core.proof.ProofSettings;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.BeanWrapper;
import org.springframework.beans.BeanWrapperImpl;
import org.springframework.boot.convert.ApplicationConversionService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The properties' defaults are the core's, and the configuration metadata an IDE shows
 * says what they are: the metadata cannot read the core's constants, so its defaults are
 * written out, and held to the values here.
 */
class LeakwatchPropertiesDefaultsTests {

	private static final String METADATA = "META-INF/spring-configuration-metadata.json";

	private final LeakwatchProperties properties = new LeakwatchProperties();

	@Test
	void detectorDefaultsAreTheCores() {
		DetectorSettings core = DetectorSettings.defaults();
		assertThat(this.properties.getStuckThreshold()).isEqualTo(core.stuckThreshold());
		assertThat(this.properties.getSampleInterval()).isEqualTo(core.sampleInterval());
		assertThat(this.properties.getStackDepth()).isEqualTo(core.stackDepth());
		assertThat(this.properties.getThreads().getMaxFamilies()).isEqualTo(core.maxFamilies());
		assertThat(this.properties.getGrowthWindow()).isEqualTo(core.growthWindow());
		assertThat(this.properties.getPeriodicGrowth().getMinIncrease()).isEqualTo(core.periodicGrowthMinIncrease());
		assertThat(this.properties.getThreadGrowth().getMinIncrease()).isEqualTo(core.threadGrowthMinIncrease());
	}

	@Test
	void proofDefaultsAreTheCores() {
		ProofSettings core = ProofSettings.defaults();
		assertThat(this.properties.getProof().getMaxHeap().toBytes()).isEqualTo(core.maxHeapBytes());
		assertThat(this.properties.getProof().getTimeout()).isEqualTo(core.timeout());
		// one stack-depth property serves both
		assertThat(this.properties.getStackDepth()).isEqualTo(core.stackDepth());
	}

	@Test
	void metadataDefaultsAreTheDefaultsInUse() throws IOException {
		BeanWrapper wrapper = new BeanWrapperImpl(this.properties);
		List<String> checked = new ArrayList<>();
		List<String> undocumented = new ArrayList<>();
		for (JsonNode property : leakwatchMetadata()) {
			String name = property.get("name").asString();
			Object value = wrapper.getPropertyValue(propertyPath(name));
			JsonNode documented = property.get("defaultValue");
			if (documented == null) {
				if (value != null && !isEmptyCollection(value)) {
					undocumented.add(name);
				}
				continue;
			}
			checked.add(name);
			assertThat(ApplicationConversionService.getSharedInstance()
				.convert(documented.asString(), wrapper.getPropertyType(propertyPath(name)))).as(name).isEqualTo(value);
		}
		assertThat(undocumented).as("properties with a default the metadata does not show").isEmpty();
		assertThat(checked).contains("leakwatch.stuck-threshold", "leakwatch.stack-depth", "leakwatch.proof.max-heap",
				"leakwatch.proof.enabled");
	}

	private static List<JsonNode> leakwatchMetadata() throws IOException {
		List<JsonNode> properties = new ArrayList<>();
		for (URL url : Collections.list(LeakwatchProperties.class.getClassLoader().getResources(METADATA))) {
			try (InputStream in = url.openStream()) {
				for (JsonNode property : JsonMapper.builder().build().readTree(in).get("properties")) {
					if (LeakwatchProperties.class.getName().equals(sourceType(property))) {
						properties.add(property);
					}
				}
			}
		}
		return properties;
	}

	// nested groups' properties name their nested class as the source:
	// LeakwatchProperties$Proof
	private static String sourceType(JsonNode property) {
		JsonNode type = property.get("sourceType");
		return (type != null) ? type.asString().replaceFirst("\\$.*", "") : null;
	}

	/** {@code leakwatch.proof.max-heap} is {@code proof.maxHeap}. */
	private static String propertyPath(String name) {
		StringBuilder path = new StringBuilder();
		boolean upper = false;
		for (char c : name.substring("leakwatch.".length()).toCharArray()) {
			if (c == '-') {
				upper = true;
			}
			else {
				path.append(upper ? Character.toUpperCase(c) : c);
				upper = false;
			}
		}
		return path.toString();
	}

	private static boolean isEmptyCollection(Object value) {
		return value instanceof Collection<?> collection && collection.isEmpty();
	}

}
