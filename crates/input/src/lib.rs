//! marsad-input: (being written) readers for text, HTML, JSON Lines, RSS/Atom, directories and stdin.
