package io.tidings.mobile.apns;

import com.eatthepath.pushy.apns.ApnsPushNotification;
import com.eatthepath.pushy.apns.PushNotificationResponse;
import io.tidings.mobile.Outcome;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/** Apple's answers (status and reason, developer.apple.com "Handling notification responses") as outcomes. */
final class ApnsAnswers {
    /** 400s that mean the token is of no use here: wrong format, another app's, another environment's. */
    private static final Set<String> BAD_TOKEN = Set.of("BadDeviceToken", "DeviceTokenNotForTopic");

    private ApnsAnswers() {
    }

    static Outcome of(PushNotificationResponse<? extends ApnsPushNotification> response, long sentAt) {
        if (response.isAccepted()) {
            return Outcome.accepted();
        }
        String reason = response.getRejectionReason().orElse("status " + response.getStatusCode());
        int status = response.getStatusCode();
        if (status == 410) {
            return Outcome.gone(reason, response.getTokenInvalidationTimestamp().map(Instant::toEpochMilli)
                    .orElse(sentAt));
        }
        if (status == 400 && BAD_TOKEN.contains(reason)) {
            return Outcome.gone(reason, sentAt);
        }
        if (status == 403) {
            // An expired provider token is Pushy's to renew (it closes the connection): try again.
            return "ExpiredProviderToken".equals(reason) ? Outcome.retry(reason, 0) : Outcome.auth(reason);
        }
        if (status == 429 || status >= 500) {
            return Outcome.retry(reason, 0);
        }
        return Outcome.rejected(reason);
    }

    /** No answer: the connection dropped (GOAWAY, reset), or none came in time: try again. */
    static Outcome failed(Throwable failure) {
        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
        return Outcome.retry(cause instanceof TimeoutException ? "timeout" : cause.getClass().getSimpleName(), 0);
    }
}
