package org.cavaplan.server;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The answer to a request refused by the HTTP layer before it reached a route (malformed HTTP,
 * headers too large, an unknown HTTP version): an RFC 9457 problem like every other failure, with
 * nothing of the server's insides. An HTTP version the server does not speak is the client's fault
 * and is answered with 400, not Jetty's 505.
 */
final class ProtocolErrors extends ErrorHandler {

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = request.getAttribute(ERROR_STATUS) instanceof Integer s ? s : response.getStatus();
        String detail;
        if (status == HttpStatus.HTTP_VERSION_NOT_SUPPORTED_505) {
            status = 400;
            detail = "the request is not HTTP/1.1 or HTTP/1.0";
        } else if (status < 400 || status >= 500) {
            detail = "the server failed; the failure was not caused by the request";
        } else {
            detail = "the HTTP request was refused before it reached CavaPlan";
        }
        String title = HttpStatus.getMessage(status);
        byte[] body = Json.write(Json.problem(new Problem(status, title == null ? "Error" : title, detail, List.of())))
                .getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/problem+json");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }
}
