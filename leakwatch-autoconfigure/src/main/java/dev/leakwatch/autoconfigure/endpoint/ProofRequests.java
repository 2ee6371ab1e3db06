package dev.leakwatch.autoconfigure.endpoint;

import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.LongFunction;

import dev.leakwatch.core.origin.CreationSite;
import dev.leakwatch.core.proof.HeapProof;
import dev.leakwatch.core.proof.ProofFailedException;
import dev.leakwatch.core.proof.ProofRefusedException;
import dev.leakwatch.core.proof.ProofReports;
import dev.leakwatch.core.proof.ProofResult;
import dev.leakwatch.core.proof.ProofTimeoutException;
import dev.leakwatch.core.report.LeakReport;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * Runs a heap proof for a report when one is asked for, and says clearly why not when it
 * cannot: proofs turned off ({@code leakwatch.proof.enabled=false}) are a {@code 400},
 * another proof running a {@code 409}, a refusal (heap too large, no disk, no Shark) a
 * {@code 503}, a timeout a {@code 504}, a failure a {@code 500}. Nothing of the dump is
 * ever in the answer.
 */
final class ProofRequests {

	private static final int STATUS_CONFLICT = 409;

	private static final int STATUS_GATEWAY_TIMEOUT = 504;

	private final @Nullable HeapProof heapProof;

	private final boolean enabled;

	private final LongFunction<CreationSite> createdBy;

	/**
	 * @param enabled whether proofs may be made at all; when not, a request for one is
	 * refused even with a {@code heapProof}
	 */
	ProofRequests(@Nullable HeapProof heapProof, boolean enabled, LongFunction<CreationSite> createdBy) {
		this.heapProof = heapProof;
		this.enabled = enabled;
		this.createdBy = createdBy;
	}

	<T> WebEndpointResponse<T> respond(LeakReport report, boolean prove,
			BiFunction<LeakReport, @Nullable ProofResult, T> body, Function<String, T> error) {
		if (!prove) {
			return new WebEndpointResponse<>(body.apply(report, null));
		}
		if (!this.enabled) {
			return new WebEndpointResponse<>(error.apply("heap proof is turned off by leakwatch.proof.enabled=false: "
					+ "ask without proof=true for the report"), WebEndpointResponse.STATUS_BAD_REQUEST);
		}
		if (this.heapProof == null) {
			return new WebEndpointResponse<>(
					error.apply("heap proof needs com.squareup.leakcanary:shark-graph on "
							+ "the classpath and a JVM that can dump its heap"),
					WebEndpointResponse.STATUS_SERVICE_UNAVAILABLE);
		}
		try {
			ProofResult proof = this.heapProof.prove();
			return new WebEndpointResponse<>(body.apply(ProofReports.withProof(report, proof, this.createdBy), proof));
		}
		catch (ProofRefusedException ex) {
			int status = (ex.reason() == ProofRefusedException.Reason.BUSY) ? STATUS_CONFLICT
					: WebEndpointResponse.STATUS_SERVICE_UNAVAILABLE;
			return new WebEndpointResponse<>(error.apply("heap proof refused: " + ex.getMessage()), status);
		}
		catch (ProofTimeoutException ex) {
			return new WebEndpointResponse<>(error.apply("heap proof timed out: " + ex.getMessage()),
					STATUS_GATEWAY_TIMEOUT);
		}
		catch (ProofFailedException ex) {
			return new WebEndpointResponse<>(error.apply("heap proof failed: " + ex.getMessage()),
					WebEndpointResponse.STATUS_INTERNAL_SERVER_ERROR);
		}
	}

}
