package dev.leakwatch.autoconfigure.endpoint;

import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

import dev.leakwatch.core.detect.LeakDetector;
import dev.leakwatch.core.proof.HeapProof;
import dev.leakwatch.core.proof.ProofResult;
import dev.leakwatch.core.report.LeakReport;
import dev.leakwatch.core.report.LeakReportTextFormatter;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * {@code /actuator/leaks}: leak suspects, deadlocks, task sources and every live thread
 * grouped by stack. JSON by default, a terminal-friendly report for
 * {@code Accept: text/plain}.
 */
@Endpoint(id = "leaks")
public class LeaksEndpoint {

	private static final String DIFF = "diff";

	private final LeakDetector detector;

	private final LeakReportTextFormatter textFormatter = new LeakReportTextFormatter();

	private final ProofRequests proofs;

	public LeaksEndpoint(LeakDetector detector) {
		this(detector, null);
	}

	/**
	 * @param heapProof what proves leaks by heap reachability, or {@code null} where it
	 * cannot (no Shark)
	 */
	public LeaksEndpoint(LeakDetector detector, @Nullable HeapProof heapProof) {
		this(detector, heapProof, true);
	}

	/**
	 * @param heapProof what proves leaks by heap reachability, or {@code null} where it
	 * cannot (no Shark)
	 * @param proofEnabled whether proofs may be made ({@code leakwatch.proof.enabled});
	 * when not, a request for one is a {@code 400} and the heap is never dumped
	 */
	public LeaksEndpoint(LeakDetector detector, @Nullable HeapProof heapProof, boolean proofEnabled) {
		this.detector = detector;
		// sites read when a proof is made: the recorder may be set after the endpoint
		this.proofs = new ProofRequests(heapProof, proofEnabled, (id) -> detector.createdBy().apply(id));
	}

	/**
	 * The report. {@code ?virtual=true} adds virtual threads (JDK 21+), read from a full
	 * thread dump, so only when asked for unless {@code leakwatch.virtual-threads} is on.
	 * {@code ?proof=true} proves which waiting threads are leaked by heap reachability:
	 * it dumps the heap, which pauses the JVM.
	 */
	@ReadOperation
	public WebEndpointResponse<Object> leaks(@Nullable String virtual, @Nullable String proof) {
		return respond(virtual, proof, (report, result) -> LeaksDescriptor.of(report, result),
				(error) -> Map.of("error", error));
	}

	@ReadOperation(produces = "text/plain;charset=UTF-8")
	public WebEndpointResponse<String> textLeaks(@Nullable String virtual, @Nullable String proof) {
		return respond(virtual, proof, (report, result) -> this.textFormatter.format(report), (error) -> error);
	}

	/**
	 * A bad parameter is a {@code 400} that names it and the values it takes, before any
	 * work is done.
	 */
	private <T> WebEndpointResponse<T> respond(@Nullable String virtual, @Nullable String proof,
			BiFunction<LeakReport, @Nullable ProofResult, T> body, Function<String, T> error) {
		LeaksParameters parameters;
		try {
			parameters = LeaksParameters.parse(virtual, proof);
		}
		catch (LeaksParameters.InvalidParameterException ex) {
			return new WebEndpointResponse<>(error.apply(ex.getMessage()), WebEndpointResponse.STATUS_BAD_REQUEST);
		}
		return this.proofs.respond(report(parameters.virtual()), parameters.proof(), body, error);
	}

	private LeakReport report(Boolean virtual) {
		return (virtual != null) ? this.detector.report(virtual) : this.detector.report();
	}

	/**
	 * {@code POST}: records the grouped dump that {@code /actuator/leaks/diff} compares
	 * with.
	 */
	@WriteOperation
	public DiffDescriptor recordBaseline() {
		return DiffDescriptor.of(this.detector.recordBaseline());
	}

	/**
	 * {@code GET /actuator/leaks/diff}: the groups whose count changed since the
	 * baseline. Any other view is a {@code 400} whose body says which views there are.
	 */
	@ReadOperation
	public WebEndpointResponse<Object> diff(@Selector String view) {
		return DIFF.equals(view) ? new WebEndpointResponse<>(DiffDescriptor.of(this.detector.diff()))
				: new WebEndpointResponse<>(Map.of("error", unknownView(view)), WebEndpointResponse.STATUS_BAD_REQUEST);
	}

	@ReadOperation(produces = "text/plain;charset=UTF-8")
	public WebEndpointResponse<String> textDiff(@Selector String view) {
		return DIFF.equals(view) ? new WebEndpointResponse<>(this.textFormatter.format(this.detector.diff()))
				: new WebEndpointResponse<>(unknownView(view), WebEndpointResponse.STATUS_BAD_REQUEST);
	}

	private static String unknownView(String view) {
		return "Unknown leaks view '" + view + "': the only one is '" + DIFF + "'";
	}

}
