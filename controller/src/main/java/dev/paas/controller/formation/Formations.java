package dev.paas.controller.formation;

import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Looks formations up by name; each caller says in its own words what an unknown one means for it. */
@Component
public class Formations {

    private final JdbcTemplate jdbc;

    Formations(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Long> idOf(String name) {
        return jdbc.queryForList("SELECT id FROM formations WHERE name = ?", Long.class, name).stream().findFirst();
    }

    public String nameOf(long id) {
        return jdbc.queryForObject("SELECT name FROM formations WHERE id = ?", String.class, id);
    }
}
