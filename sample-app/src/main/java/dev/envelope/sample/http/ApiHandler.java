package dev.envelope.sample.http;

import dev.envelope.annotations.AdmissionNotRecordedException;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.envelope.sample.auth.AuthenticationException;
import dev.envelope.sample.auth.Principal;
import dev.envelope.sample.auth.TokenAuthenticator;
import dev.envelope.sample.registry.RegistryUnavailableException;
import dev.envelope.sample.serving.ConflictException;
import dev.envelope.sample.serving.InvalidRequestException;
import dev.envelope.sample.serving.NoCapacityException;
import dev.envelope.sample.serving.NotFoundException;
import dev.envelope.sample.serving.NotPermittedException;
import dev.envelope.sample.serving.RequestContext;
import dev.envelope.sample.serving.SequentialIds;
import java.io.IOException;

/**
 * The frame every API route shares. Everything that decides whether a request is admitted at all
 * happens here or in the endpoint before its admission call, in this order: {@code X-Request-Id}
 * syntax ({@code 400}), authentication ({@code 401}), tenant ({@code 403}); then the endpoint
 * reads the body ({@code 413}, {@code 400}) and calls admission, whose refusals map to {@code
 * 400}, {@code 403}, {@code 404} and {@code 409}, and a registry that did not list a deployment
 * to {@code 502}.
 */
final class ApiHandler implements HttpHandler {

  private static final int MAX_REQUEST_ID_LENGTH = 128;

  private final TokenAuthenticator authenticator;
  private final SequentialIds requestIds;
  private final Endpoint endpoint;

  /** Serves {@code endpoint}; generated request ids come from {@code requestIds}. */
  ApiHandler(TokenAuthenticator authenticator, SequentialIds requestIds, Endpoint endpoint) {
    this.authenticator = authenticator;
    this.requestIds = requestIds;
    this.endpoint = endpoint;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    Headers headers = exchange.getRequestHeaders();
    String sentId = ApiCall.trimToNull(headers.getFirst("X-Request-Id"));
    boolean usable = sentId != null && isValidRequestId(sentId);
    String requestId = usable ? sentId : requestIds.next();
    exchange.getResponseHeaders().set("X-Request-Id", requestId);
    try {
      if (sentId != null && !usable) {
        throw new HttpFailure(400, "X-Request-Id must be 1 to " + MAX_REQUEST_ID_LENGTH
            + " visible ASCII characters");
      }
      Reply reply = endpoint.handle(new ApiCall(exchange, authenticate(headers, requestId)));
      reply.headers().forEach(exchange.getResponseHeaders()::set);
      JsonResponses.send(exchange, reply.status(), reply.body());
    } catch (HttpFailure e) {
      JsonResponses.sendError(exchange, e.status(), e.getMessage());
    } catch (AuthenticationException e) {
      exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"envelope-sample\"");
      JsonResponses.sendError(exchange, 401, e.getMessage());
    } catch (InvalidRequestException e) {
      JsonResponses.sendError(exchange, 400, e.getMessage());
    } catch (NotPermittedException e) {
      JsonResponses.sendError(exchange, 403, e.getMessage());
    } catch (NotFoundException e) {
      JsonResponses.sendError(exchange, 404, e.getMessage());
    } catch (NoCapacityException | ConflictException e) {
      JsonResponses.sendError(exchange, 409, e.getMessage());
    } catch (RegistryUnavailableException e) {
      JsonResponses.sendError(exchange, 502, e.getMessage());
    } catch (AdmissionNotRecordedException e) {
      // Only with the envelope agent in strict audit mode: not refused on its merits, so retryable.
      JsonResponses.sendError(exchange, 503, e.getMessage());
    }
  }

  private RequestContext authenticate(Headers headers, String requestId) {
    String authorization = headers.getFirst("Authorization");
    Principal principal = authenticator.authenticate(authorization);
    String tenant = ApiCall.trimToNull(headers.getFirst("X-Tenant"));
    if (tenant != null && !tenant.equals(principal.tenantId())) {
      throw new HttpFailure(403, "token is not valid for tenant '" + tenant + "'");
    }
    return new RequestContext(principal.urn(), principal.tenantId(), requestId, principal.role(),
        TokenAuthenticator.bearerToken(authorization));
  }

  private static boolean isValidRequestId(String id) {
    if (id.length() > MAX_REQUEST_ID_LENGTH) {
      return false;
    }
    return id.chars().allMatch(c -> c > 0x20 && c < 0x7f);
  }
}
