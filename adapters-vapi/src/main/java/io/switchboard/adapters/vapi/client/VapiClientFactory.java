package io.switchboard.adapters.vapi.client;

import feign.Feign;
import feign.FeignException;
import feign.Logger;
import feign.Request;
import feign.RetryableException;
import feign.Retryer;
import feign.http2client.Http2Client;
import io.switchboard.adapters.vapi.config.VapiProperties;
import io.switchboard.adapters.vapi.errors.VapiFailure;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.http.HttpClient;

/**
 * Builds the Feign {@link VapiApi}: Bearer auth, configurable base URL and timeouts, java.net.http transport
 * (HTTP/1.1; the JDK's HttpURLConnection cannot PATCH), Jackson 3 codec, no Feign retries, no request logging
 * (headers carry the API key). Transport failures come out as {@link VapiFailure} like HTTP errors do.
 */
public final class VapiClientFactory {
    private VapiClientFactory() {
    }

    public static VapiApi create(VapiProperties properties) {
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        String bearer = "Bearer " + (properties.apiKey() == null ? "" : properties.apiKey());
        JacksonCodec codec = new JacksonCodec();
        VapiApi feign = Feign.builder()
                .client(new Http2Client(http))
                .encoder(codec)
                .decoder(codec)
                .errorDecoder(new VapiErrorDecoder())
                .retryer(Retryer.NEVER_RETRY)
                .logger(new Logger.NoOpLogger())
                .options(new Request.Options(properties.connectTimeout(), properties.readTimeout(), false))
                .requestInterceptor(template -> template.header("Authorization", bearer))
                .target(VapiApi.class, properties.baseUrl().replaceAll("/+$", ""));
        return translatingTransportErrors(feign);
    }

    /** Feign reports I/O failures (timeouts, refused connections) as {@link RetryableException}; classify them. */
    private static VapiApi translatingTransportErrors(VapiApi delegate) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return method.invoke(delegate, args);
            }
            try {
                return method.invoke(delegate, args);
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                if (cause instanceof VapiFailure) {
                    throw cause;
                }
                if (cause instanceof RetryableException retryable && retryable.status() <= 0) {
                    throw new VapiFailure(VapiFailure.Kind.CONNECTION, null, "VAPI did not answer "
                            + retryable.method() + " (" + describe(retryable) + ")");
                }
                if (cause instanceof FeignException feign && feign.status() > 0) {
                    throw new VapiFailure(VapiFailure.kindOf(feign.status()), feign.status(), feign.getMessage());
                }
                throw cause;
            }
        };
        return (VapiApi) Proxy.newProxyInstance(VapiApi.class.getClassLoader(), new Class<?>[]{VapiApi.class}, handler);
    }

    private static String describe(RetryableException e) {
        Throwable root = e.getCause() == null ? e : e.getCause();
        return root.getClass().getSimpleName();
    }
}
