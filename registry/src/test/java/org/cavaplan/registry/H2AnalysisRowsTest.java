package org.cavaplan.registry;

/** The registry's analysis rows on embedded H2 (a file database per test). */
class H2AnalysisRowsTest extends AnalysisRowsContract {

    @Override
    TestDatabase newDatabase() {
        return TestDatabase.h2();
    }
}
