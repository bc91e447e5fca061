package org.cavaplan.registry;

/** Meetings and decisions on embedded H2 (a file database per test). */
class H2MeetingTest extends MeetingContract {

    @Override
    TestDatabase newDatabase() {
        return TestDatabase.h2();
    }
}
