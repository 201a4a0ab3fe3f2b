package dev.paas.agent.engine;

/** The fake behaves like Docker where the agent relies on it. */
class FakeContainerEngineTest extends ContainerEngineContract {

    private final FakeContainerEngine engine = new FakeContainerEngine().withImage("paas/stack-run:bookworm");

    @Override
    protected ContainerEngine engine() {
        return engine;
    }

    @Override
    protected String image() {
        return "paas/stack-run:bookworm";
    }
}
