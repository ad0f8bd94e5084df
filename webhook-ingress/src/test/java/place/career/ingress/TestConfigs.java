package place.career.ingress;

import place.career.events.Topics;

import java.time.Duration;

/** {@link IngressConfig} values for tests that run without Quarkus. */
public final class TestConfigs {

    private TestConfigs() {}

    /** Returns the default configuration with the given produce deadline. */
    public static IngressConfig ingress(Duration produceTimeout) {
        return new IngressConfig() {
            @Override
            public int maxBodyBytes() {
                return 65536;
            }

            @Override
            public Duration maxDeliveryAge() {
                return Duration.ofDays(15);
            }

            @Override
            public Duration maxClockSkew() {
                return Duration.ofMinutes(5);
            }

            @Override
            public Duration retryAfter() {
                return Duration.ofSeconds(30);
            }

            @Override
            public Kafka kafka() {
                return new Kafka() {
                    @Override
                    public String webhooksTopic() {
                        return Topics.LEVER_WEBHOOKS;
                    }

                    @Override
                    public String installationsTopic() {
                        return Topics.LEVER_INSTALLATIONS;
                    }

                    @Override
                    public Duration produceTimeout() {
                        return produceTimeout;
                    }

                    @Override
                    public int lingerMs() {
                        return 1;
                    }

                    @Override
                    public Duration partitionRefreshInterval() {
                        return Duration.ofSeconds(30);
                    }
                };
            }

            @Override
            public Dedupe dedupe() {
                return new Dedupe() {
                    @Override
                    public Duration purgeInterval() {
                        return Duration.ofHours(1);
                    }

                    @Override
                    public int maxGroupSize() {
                        return 64;
                    }

                    @Override
                    public int maxConcurrentGroups() {
                        return 8;
                    }

                    @Override
                    public int purgeBatchSize() {
                        return 5000;
                    }

                    @Override
                    public Duration timeout() {
                        return Duration.ofSeconds(10);
                    }
                };
            }
        };
    }
}
