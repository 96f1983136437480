package io.switchboard.orchestrator.console;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ResponseCookie;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * The browser side of a console session, kept in two cookies and nowhere on the server, so any orchestrator instance
 * behind a load balancer serves any request:
 * <ul>
 *   <li>{@value #TOKEN_COOKIE}: the API token the user signed in with, checked against the configured tokens on every
 *       request. HttpOnly (no script reads it), SameSite=Strict (no other site's page sends it), Path=/console (the
 *       API never sees it as a credential), Secure when the request came over HTTPS.</li>
 *   <li>{@value #NONCE_COOKIE}: a random nonce, new at every sign-in. Every form carries
 *       {@code HMAC-SHA256(token, nonce)} in a hidden field ({@value #CSRF_FIELD}) and a POST without the right value
 *       is refused: a page of another site can neither read the cookies nor compute the value, and a cookie planted
 *       by a sibling domain is useless without the victim's token. Before sign-in the field holds the nonce itself.</li>
 * </ul>
 * Neither value is ever rendered (the CSRF value is a MAC, not the token) or logged.
 */
final class ConsoleSession {
    static final String TOKEN_COOKIE = "SB_CONSOLE";
    static final String NONCE_COOKIE = "SB_CONSOLE_NONCE";
    static final String CSRF_FIELD = "_csrf";
    static final String PATH = "/console";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ConsoleSession() {
    }

    static Optional<String> token(HttpServletRequest request) {
        return cookie(request, TOKEN_COOKIE).flatMap(ConsoleSession::decode);
    }

    static Optional<String> nonce(HttpServletRequest request) {
        return cookie(request, NONCE_COOKIE);
    }

    /** What this request's forms must send back: bound to the session's token when signed in, else the nonce. */
    static String csrfValue(String nonce, Optional<String> token) {
        return token.map(t -> mac(t, nonce)).orElse(nonce);
    }

    static boolean csrfMatches(HttpServletRequest request, Optional<String> token) {
        Optional<String> nonce = nonce(request);
        String sent = request.getParameter(CSRF_FIELD);
        if (nonce.isEmpty() || sent == null) {
            return false;
        }
        return MessageDigest.isEqual(csrfValue(nonce.get(), token).getBytes(StandardCharsets.UTF_8),
                sent.getBytes(StandardCharsets.UTF_8));
    }

    static String newNonce() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static void setNonce(HttpServletRequest request, HttpServletResponse response, String nonce, Duration maxAge) {
        add(request, response, NONCE_COOKIE, nonce, maxAge);
    }

    static void signIn(HttpServletRequest request, HttpServletResponse response, String token, Duration maxAge) {
        // Encoded: a token may hold characters a cookie value may not (spaces, commas, quotes).
        add(request, response, TOKEN_COOKIE, Base64.getUrlEncoder().withoutPadding()
                .encodeToString(token.getBytes(StandardCharsets.UTF_8)), maxAge);
        setNonce(request, response, newNonce(), maxAge);
    }

    static void signOut(HttpServletRequest request, HttpServletResponse response) {
        add(request, response, TOKEN_COOKIE, "", Duration.ZERO);
        add(request, response, NONCE_COOKIE, "", Duration.ZERO);
    }

    private static void add(HttpServletRequest request, HttpServletResponse response, String name, String value,
                            Duration maxAge) {
        response.addHeader("Set-Cookie", ResponseCookie.from(name, value).path(PATH).httpOnly(true)
                .secure(request.isSecure()).sameSite("Strict").maxAge(maxAge).build().toString());
    }

    private static Optional<String> cookie(HttpServletRequest request, String name) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        return Arrays.stream(cookies).filter(c -> c.getName().equals(name) && !c.getValue().isBlank())
                .map(Cookie::getValue).findFirst();
    }

    private static Optional<String> decode(String value) {
        try {
            return Optional.of(new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String mac(String token, String nonce) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(("sb-console-csrf:" + nonce).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
