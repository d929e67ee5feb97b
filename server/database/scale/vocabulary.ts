/**
 * The words generated records are made of. Names are assembled from parts in the style of each country's
 * language, so that a generated city in Germany reads like one ("Rosenfeld") and one in Italy like another
 * ("Montefiore"); none of it claims to be a real place, person or organisation.
 */

export type LanguageFamily = 'german' | 'italian' | 'french' | 'iberian' | 'english' | 'dutch' | 'nordic' | 'slavic' | 'greek' | 'other';

export interface CountryEntry {
  code: string;
  alpha3: string;
  name: string;
  inEurope: boolean;
  family: LanguageFamily;
  /** ISO 639-1 code of its main language, for city aliases. */
  language: string;
}

/**
 * Countries the generator may add, real ones (ISO 3166-1), in the order it adds them: Europe first, larger
 * first. Countries the seed dataset already has are skipped by code.
 */
export const COUNTRIES: readonly CountryEntry[] = [
  { code: 'PL', alpha3: 'POL', name: 'Poland', inEurope: true, family: 'slavic', language: 'pl' },
  { code: 'BE', alpha3: 'BEL', name: 'Belgium', inEurope: true, family: 'dutch', language: 'nl' },
  { code: 'PT', alpha3: 'PRT', name: 'Portugal', inEurope: true, family: 'iberian', language: 'pt' },
  { code: 'CZ', alpha3: 'CZE', name: 'Czechia', inEurope: true, family: 'slavic', language: 'cs' },
  { code: 'HU', alpha3: 'HUN', name: 'Hungary', inEurope: true, family: 'other', language: 'hu' },
  { code: 'DK', alpha3: 'DNK', name: 'Denmark', inEurope: true, family: 'nordic', language: 'da' },
  { code: 'FI', alpha3: 'FIN', name: 'Finland', inEurope: true, family: 'nordic', language: 'fi' },
  { code: 'NO', alpha3: 'NOR', name: 'Norway', inEurope: true, family: 'nordic', language: 'no' },
  { code: 'SK', alpha3: 'SVK', name: 'Slovakia', inEurope: true, family: 'slavic', language: 'sk' },
  { code: 'BG', alpha3: 'BGR', name: 'Bulgaria', inEurope: true, family: 'slavic', language: 'bg' },
  { code: 'RS', alpha3: 'SRB', name: 'Serbia', inEurope: true, family: 'slavic', language: 'sr' },
  { code: 'LT', alpha3: 'LTU', name: 'Lithuania', inEurope: true, family: 'other', language: 'lt' },
  { code: 'LV', alpha3: 'LVA', name: 'Latvia', inEurope: true, family: 'other', language: 'lv' },
  { code: 'EE', alpha3: 'EST', name: 'Estonia', inEurope: true, family: 'nordic', language: 'et' },
  { code: 'LU', alpha3: 'LUX', name: 'Luxembourg', inEurope: true, family: 'french', language: 'fr' },
  { code: 'MT', alpha3: 'MLT', name: 'Malta', inEurope: true, family: 'english', language: 'mt' },
  { code: 'CY', alpha3: 'CYP', name: 'Cyprus', inEurope: true, family: 'greek', language: 'el' },
  { code: 'IS', alpha3: 'ISL', name: 'Iceland', inEurope: true, family: 'nordic', language: 'is' },
  { code: 'UA', alpha3: 'UKR', name: 'Ukraine', inEurope: true, family: 'slavic', language: 'uk' },
  { code: 'MD', alpha3: 'MDA', name: 'Moldova', inEurope: true, family: 'other', language: 'ro' },
  { code: 'AL', alpha3: 'ALB', name: 'Albania', inEurope: true, family: 'other', language: 'sq' },
  { code: 'MK', alpha3: 'MKD', name: 'North Macedonia', inEurope: true, family: 'slavic', language: 'mk' },
  { code: 'ME', alpha3: 'MNE', name: 'Montenegro', inEurope: true, family: 'slavic', language: 'sr' },
  { code: 'XK', alpha3: 'XKX', name: 'Kosovo', inEurope: true, family: 'other', language: 'sq' },
  { code: 'LI', alpha3: 'LIE', name: 'Liechtenstein', inEurope: true, family: 'german', language: 'de' },
  { code: 'MC', alpha3: 'MCO', name: 'Monaco', inEurope: true, family: 'french', language: 'fr' },
  { code: 'SM', alpha3: 'SMR', name: 'San Marino', inEurope: true, family: 'italian', language: 'it' },
  { code: 'AD', alpha3: 'AND', name: 'Andorra', inEurope: true, family: 'iberian', language: 'ca' },
  { code: 'TR', alpha3: 'TUR', name: 'Turkey', inEurope: true, family: 'other', language: 'tr' },
  { code: 'GE', alpha3: 'GEO', name: 'Georgia', inEurope: true, family: 'other', language: 'ka' },
  { code: 'AM', alpha3: 'ARM', name: 'Armenia', inEurope: true, family: 'other', language: 'hy' },
  { code: 'CA', alpha3: 'CAN', name: 'Canada', inEurope: false, family: 'english', language: 'en' },
  { code: 'AU', alpha3: 'AUS', name: 'Australia', inEurope: false, family: 'english', language: 'en' },
  { code: 'NZ', alpha3: 'NZL', name: 'New Zealand', inEurope: false, family: 'english', language: 'en' },
  { code: 'JP', alpha3: 'JPN', name: 'Japan', inEurope: false, family: 'other', language: 'ja' },
  { code: 'BR', alpha3: 'BRA', name: 'Brazil', inEurope: false, family: 'iberian', language: 'pt' },
  { code: 'MX', alpha3: 'MEX', name: 'Mexico', inEurope: false, family: 'iberian', language: 'es' },
  { code: 'AR', alpha3: 'ARG', name: 'Argentina', inEurope: false, family: 'iberian', language: 'es' },
  { code: 'CL', alpha3: 'CHL', name: 'Chile', inEurope: false, family: 'iberian', language: 'es' },
  { code: 'CO', alpha3: 'COL', name: 'Colombia', inEurope: false, family: 'iberian', language: 'es' },
  { code: 'ZA', alpha3: 'ZAF', name: 'South Africa', inEurope: false, family: 'english', language: 'en' },
  { code: 'IN', alpha3: 'IND', name: 'India', inEurope: false, family: 'english', language: 'hi' },
  { code: 'SG', alpha3: 'SGP', name: 'Singapore', inEurope: false, family: 'english', language: 'en' },
  { code: 'TN', alpha3: 'TUN', name: 'Tunisia', inEurope: false, family: 'french', language: 'ar' },
  { code: 'MA', alpha3: 'MAR', name: 'Morocco', inEurope: false, family: 'french', language: 'ar' },
  { code: 'SN', alpha3: 'SEN', name: 'Senegal', inEurope: false, family: 'french', language: 'fr' },
  { code: 'CM', alpha3: 'CMR', name: 'Cameroon', inEurope: false, family: 'french', language: 'fr' },
  { code: 'KE', alpha3: 'KEN', name: 'Kenya', inEurope: false, family: 'english', language: 'sw' },
  { code: 'GH', alpha3: 'GHA', name: 'Ghana', inEurope: false, family: 'english', language: 'en' },
  { code: 'UY', alpha3: 'URY', name: 'Uruguay', inEurope: false, family: 'iberian', language: 'es' },
  { code: 'PE', alpha3: 'PER', name: 'Peru', inEurope: false, family: 'iberian', language: 'es' },
  { code: 'TW', alpha3: 'TWN', name: 'Taiwan', inEurope: false, family: 'other', language: 'zh' },
];

/** The language of the seed dataset's countries, by code, for names generated there. */
const SEEDED_COUNTRY_FAMILIES: Record<string, [LanguageFamily, string]> = {
  AT: ['german', 'de'],
  BA: ['slavic', 'bs'],
  HR: ['slavic', 'hr'],
  FR: ['french', 'fr'],
  DE: ['german', 'de'],
  GR: ['greek', 'el'],
  IE: ['english', 'en'],
  IL: ['other', 'he'],
  IT: ['italian', 'it'],
  NL: ['dutch', 'nl'],
  RO: ['other', 'ro'],
  SI: ['slavic', 'sl'],
  ES: ['iberian', 'es'],
  SE: ['nordic', 'sv'],
  CH: ['german', 'de'],
  US: ['english', 'en'],
  GB: ['english', 'en'],
  KR: ['other', 'ko'],
};

export function languageOf(code: string): { family: LanguageFamily; language: string } {
  const added = COUNTRIES.find((country) => country.code === code);
  if (added) return { family: added.family, language: added.language };
  const [family, language] = SEEDED_COUNTRY_FAMILIES[code] ?? ['other', 'en'];
  return { family, language };
}

/**
 * How much of the network each country holds, most first: cities and organisations are drawn by this rank with
 * Zipf-like skew. Countries not named come after, in the order they were added.
 */
export const COUNTRY_WEIGHT_ORDER = ['DE', 'IT', 'FR', 'ES', 'GB', 'PL', 'NL', 'AT', 'BE', 'SE', 'HR', 'CH', 'PT', 'CZ', 'GR', 'RO', 'IE', 'DK', 'FI', 'NO', 'SI', 'HU'];

/** Parts of place names, per language family: a name is [prefix] + root + suffix. */
export const PLACE_PARTS: Record<LanguageFamily, { prefixes: readonly string[]; roots: readonly string[]; suffixes: readonly string[] }> = {
  german: {
    prefixes: ['Bad ', 'Neu', 'Alt', 'Ober', 'Unter', 'Groß', 'Sankt '],
    roots: ['Rosen', 'Stein', 'Lind', 'Eichen', 'Wald', 'Berg', 'Hoch', 'Kirch', 'Mühl', 'Schön', 'Falken', 'Frei', 'Rot', 'Weiß', 'Hasel', 'Bruck', 'Linden', 'Sonnen', 'Adler', 'Wolfs'],
    suffixes: ['burg', 'dorf', 'heim', 'hausen', 'stadt', 'feld', 'furt', 'bach', 'au', 'ingen', 'berg', 'hof', 'stein', 'brück', 'thal'],
  },
  italian: {
    prefixes: ['San ', 'Santa ', 'Monte', 'Castel', 'Villa', 'Borgo ', 'Porto '],
    roots: ['fior', 'verd', 'bell', 'ross', 'alt', 'lag', 'mar', 'pont', 'coll', 'vign', 'mont', 'pian', 'roc', 'sass', 'val', 'riv', 'terr', 'font'],
    suffixes: ['ano', 'ello', 'ina', 'ese', 'one', 'ara', 'ia', 'ino', 'etto', 'iano', 'ora', 'oli'],
  },
  french: {
    prefixes: ['Saint-', 'Mont', 'Beau', 'Ville', 'Château', 'Fontaine-', 'Sainte-'],
    roots: ['val', 'roche', 'clair', 'bois', 'pré', 'chêne', 'font', 'mar', 'lune', 'pierre', 'bel', 'riv', 'mont', 'chant', 'ros'],
    suffixes: ['ville', 'court', 'mont', 'bourg', 'ac', 'ay', 'y', 'ières', 'eux', 'ans', 'on', 'ès', 'sur-Mer', 'les-Bains'],
  },
  iberian: {
    prefixes: ['San ', 'Santa ', 'Villa', 'Puerto ', 'Torre', 'Vila '],
    roots: ['alt', 'verd', 'real', 'mar', 'roc', 'sol', 'nuev', 'blanc', 'fuent', 'oliv', 'rob', 'cast', 'mont', 'alam', 'val'],
    suffixes: ['ejo', 'illa', 'ón', 'oso', 'ares', 'edo', 'ina', 'ero', 'ada', 'al', 'ar', 'ela', 'inho'],
  },
  english: {
    prefixes: ['North ', 'South ', 'East ', 'West ', 'Upper ', 'Great ', 'New '],
    roots: ['Ash', 'Brook', 'Ox', 'Wex', 'Hart', 'Lang', 'Mill', 'Wood', 'Stan', 'Kings', 'Elm', 'Hol', 'Stock', 'Bar', 'Ches', 'Dun', 'Ren', 'Whit'],
    suffixes: ['ford', 'ton', 'ham', 'bury', 'field', 'chester', 'wick', 'mouth', 'bridge', 'ley', 'worth', 'stead', 'port', 'by'],
  },
  dutch: {
    prefixes: ['Nieuw-', 'Oud-', 'Groot-', 'Sint-', "'s-"],
    roots: ['Zand', 'Hoog', 'Groen', 'Brug', 'Lage', 'Beek', 'Eind', 'Wester', 'Ooster', 'Mid', 'Dor', 'Heer', 'Ven', 'Lin', 'Zuid'],
    suffixes: ['dam', 'voort', 'hoven', 'drecht', 'veen', 'wijk', 'kerke', 'hem', 'sel', 'gem', 'loo', 'horst', 'broek', 'zele'],
  },
  nordic: {
    prefixes: ['Ny', 'Vester', 'Øster', 'Norr', 'Söder', 'Stor'],
    roots: ['sten', 'lund', 'fjell', 'berg', 'vik', 'holm', 'strand', 'skog', 'dal', 'kal', 'mar', 'tor', 'sand', 'ås', 'järv', 'häm'],
    suffixes: ['by', 'köping', 'holm', 'vik', 'stad', 'borg', 'lund', 'sund', 'näs', 'ø', 'inna', 'järvi', 'lahti', 'ström', 'fors'],
  },
  slavic: {
    prefixes: ['Nova ', 'Stara ', 'Velika ', 'Mala ', 'Gornji ', 'Nowy '],
    roots: ['Gor', 'Bel', 'Dobr', 'Zlat', 'Kral', 'Pol', 'Brez', 'Sven', 'Jas', 'Lip', 'Dub', 'Kam', 'Rad', 'Vod', 'Slav', 'Mir', 'Bor', 'Kos'],
    suffixes: ['ovo', 'ica', 'grad', 'ac', 'sk', 'ov', 'ina', 'ice', 'ów', 'evo', 'any', 'ec', 'ište', 'opol', 'ava'],
  },
  greek: {
    prefixes: ['Agia ', 'Neo ', 'Kato ', 'Ano ', 'Palaio '],
    roots: ['Kala', 'Thera', 'Lefka', 'Mega', 'Chrys', 'Argy', 'Kastro', 'Petra', 'Nea', 'Limni', 'Elaio', 'Ampel', 'Pyrgo', 'Dafn'],
    suffixes: ['polis', 'ia', 'os', 'io', 'ada', 'oupoli', 'aki', 'ini', 'ea', 'ida', 'on'],
  },
  other: {
    prefixes: ['Nagy', 'Kis', 'Uj', 'Yeni', 'Vana', 'Naujoji '],
    roots: ['Sar', 'Tal', 'Kar', 'Ber', 'Mor', 'Dar', 'Lor', 'Kem', 'Vil', 'Tar', 'Esz', 'Kol', 'Lan', 'Mar', 'Sil', 'Rud'],
    suffixes: ['vár', 'ikon', 'ava', 'ai', 'u', 'iai', 'ene', 'aş', 'esti', 'ova', 'ari', 'elu', 'iku', 'ma', 'ar'],
  },
};

/** Parts of people's names, per language family. */
export const PERSON_NAMES: Record<LanguageFamily, { given: readonly string[]; family: readonly string[] }> = {
  german: {
    given: ['Anna', 'Lena', 'Katharina', 'Julia', 'Sabine', 'Petra', 'Monika', 'Claudia', 'Thomas', 'Michael', 'Andreas', 'Stefan', 'Markus', 'Jürgen', 'Klaus', 'Wolfgang', 'Florian', 'Jonas', 'Lukas', 'Ursula'],
    family: ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Hoffmann', 'Schäfer', 'Koch', 'Bauer', 'Richter', 'Klein', 'Wolf', 'Neumann', 'Schwarz', 'Zimmermann', 'Braun', 'Hofmann', 'Krüger', 'Hartmann', 'Lange', 'Werner'],
  },
  italian: {
    given: ['Giulia', 'Francesca', 'Chiara', 'Sara', 'Elena', 'Valentina', 'Alessandra', 'Paola', 'Marco', 'Luca', 'Giuseppe', 'Andrea', 'Francesco', 'Alessandro', 'Matteo', 'Stefano', 'Roberto', 'Davide', 'Giorgio', 'Lorenzo'],
    family: ['Rossi', 'Russo', 'Ferrari', 'Esposito', 'Bianchi', 'Romano', 'Colombo', 'Ricci', 'Marino', 'Greco', 'Bruno', 'Gallo', 'Conti', 'De Luca', 'Mancini', 'Costa', 'Giordano', 'Rizzo', 'Lombardi', 'Moretti', 'Barbieri', 'Fontana'],
  },
  french: {
    given: ['Marie', 'Camille', 'Sophie', 'Claire', 'Isabelle', 'Nathalie', 'Céline', 'Amélie', 'Pierre', 'Jean', 'Nicolas', 'Julien', 'François', 'Laurent', 'Olivier', 'Mathieu', 'Antoine', 'Philippe', 'Hélène', 'Éric'],
    family: ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon', 'Laurent', 'Lefèvre', 'Michel', 'Garcia', 'David', 'Bertrand', 'Roux', 'Vincent', 'Fournier', 'Girard', 'Bonnet'],
  },
  iberian: {
    given: ['María', 'Lucía', 'Carmen', 'Laura', 'Ana', 'Isabel', 'Marta', 'Beatriz', 'José', 'Antonio', 'Manuel', 'Javier', 'David', 'Carlos', 'Miguel', 'Pedro', 'João', 'Rui', 'Inês', 'Pablo'],
    family: ['García', 'Fernández', 'González', 'Rodríguez', 'López', 'Martínez', 'Sánchez', 'Pérez', 'Gómez', 'Martín', 'Jiménez', 'Ruiz', 'Silva', 'Santos', 'Ferreira', 'Pereira', 'Oliveira', 'Costa', 'Moreno', 'Álvarez', 'Romero', 'Navarro'],
  },
  english: {
    given: ['Emma', 'Olivia', 'Sarah', 'Rachel', 'Helen', 'Fiona', 'Siobhan', 'Karen', 'James', 'John', 'David', 'Paul', 'Mark', 'Richard', 'Daniel', 'Patrick', 'Sean', 'Ian', 'Gareth', 'Niamh'],
    family: ['Smith', 'Jones', 'Williams', 'Taylor', 'Brown', 'Davies', 'Evans', 'Wilson', 'Thomas', 'Johnson', 'Roberts', 'Walker', 'Wright', 'Murphy', "O'Brien", 'Kelly', 'Byrne', 'Ryan', 'Clarke', 'Hughes', 'Green', 'Hall'],
  },
  dutch: {
    given: ['Anouk', 'Sanne', 'Lotte', 'Femke', 'Eline', 'Marieke', 'Inge', 'Joost', 'Daan', 'Sem', 'Bram', 'Pieter', 'Jeroen', 'Wouter', 'Koen', 'Ruben', 'Lieve', 'Jan'],
    family: ['de Jong', 'Jansen', 'de Vries', 'van den Berg', 'van Dijk', 'Bakker', 'Janssen', 'Visser', 'Smit', 'Meijer', 'de Boer', 'Mulder', 'de Groot', 'Bos', 'Vos', 'Peeters', 'Maes', 'Willems', 'Claes', 'Goossens'],
  },
  nordic: {
    given: ['Anna', 'Ingrid', 'Karin', 'Sofia', 'Maja', 'Liisa', 'Aino', 'Sigrid', 'Erik', 'Lars', 'Anders', 'Johan', 'Mikael', 'Nils', 'Henrik', 'Mikko', 'Jukka', 'Olav', 'Astrid', 'Kristian'],
    family: ['Andersson', 'Johansson', 'Karlsson', 'Nilsson', 'Eriksson', 'Larsson', 'Hansen', 'Jensen', 'Nielsen', 'Pedersen', 'Olsen', 'Korhonen', 'Virtanen', 'Mäkinen', 'Nieminen', 'Lindqvist', 'Berg', 'Dahl', 'Haugen', 'Tamm'],
  },
  slavic: {
    given: ['Ana', 'Maja', 'Ivana', 'Katarzyna', 'Agnieszka', 'Jana', 'Petra', 'Milena', 'Marko', 'Ivan', 'Luka', 'Tomasz', 'Piotr', 'Jakub', 'Nikola', 'Dragan', 'Miroslav', 'Bojan', 'Zuzana', 'Tanja'],
    family: ['Novak', 'Horvat', 'Kovačević', 'Babić', 'Marić', 'Jurić', 'Nowak', 'Kowalski', 'Wiśniewski', 'Wójcik', 'Kowalczyk', 'Dvořák', 'Novotný', 'Svoboda', 'Petrović', 'Jovanović', 'Nikolić', 'Kralj', 'Zupan', 'Krajnc'],
  },
  greek: {
    given: ['Maria', 'Eleni', 'Katerina', 'Sofia', 'Georgia', 'Dimitra', 'Ioanna', 'Georgios', 'Dimitrios', 'Konstantinos', 'Nikolaos', 'Ioannis', 'Christos', 'Panagiotis', 'Andreas', 'Vasilis'],
    family: ['Papadopoulos', 'Pappas', 'Oikonomou', 'Georgiou', 'Papageorgiou', 'Vlachos', 'Angelopoulos', 'Nikolaidis', 'Karagiannis', 'Christodoulou', 'Dimitriou', 'Ioannou', 'Konstantinou', 'Alexiou'],
  },
  other: {
    given: ['Eszter', 'Zsofia', 'Ioana', 'Elena', 'Rūta', 'Ilze', 'Ayşe', 'Noa', 'Yuki', 'Ji-woo', 'Gábor', 'László', 'Andrei', 'Mihai', 'Tomas', 'Jānis', 'Mehmet', 'Avi', 'Haruto', 'Min-jun'],
    family: ['Nagy', 'Kovács', 'Tóth', 'Szabó', 'Horváth', 'Popescu', 'Ionescu', 'Dumitru', 'Kazlauskas', 'Petrauskas', 'Bērziņš', 'Kalniņš', 'Yılmaz', 'Kaya', 'Cohen', 'Levi', 'Tanaka', 'Sato', 'Kim', 'Park'],
  },
};

/** Legal forms of companies, per language family. */
export const COMPANY_FORMS: Record<LanguageFamily, readonly string[]> = {
  german: ['GmbH', 'AG', 'GmbH & Co. KG'],
  italian: ['S.p.A.', 'S.r.l.', 'Scrl'],
  french: ['SA', 'SAS', 'SARL'],
  iberian: ['S.A.', 'S.L.', 'Lda.'],
  english: ['Ltd', 'plc', 'Inc.'],
  dutch: ['B.V.', 'N.V.', 'BV'],
  nordic: ['AB', 'AS', 'Oy', 'A/S'],
  slavic: ['d.o.o.', 'sp. z o.o.', 's.r.o.', 'd.d.'],
  greek: ['S.A.', 'IKE'],
  other: ['Kft.', 'S.R.L.', 'UAB', 'A.Ş.', 'Ltd'],
};

export const COMPANY_BRAND_PARTS = {
  heads: ['Civi', 'Urba', 'Data', 'Info', 'Net', 'Tele', 'Geo', 'Logi', 'Syn', 'Inter', 'Digi', 'Metro', 'Poli', 'Cloud', 'Quanta', 'Nova', 'Opti', 'Vecto'],
  tails: ['tec', 'soft', 'com', 'data', 'systems', 'net', 'link', 'lab', 'works', 'sys', 'ware', 'logic', 'point', 'sphere'],
  fields: ['Informatik', 'Systems', 'Solutions', 'Digital', 'IT Services', 'Software', 'Consulting', 'Data Services', 'Networks'],
};

/** Themes the generator may add, beyond the seed dataset's; more are composed from THEME_AREAS when these run out. */
export const THEMES: readonly string[] = [
  'Digital twins',
  'Interoperability and standards',
  'Accessibility and inclusion',
  'Public procurement of ICT',
  'Digital identity and trust',
  'Urban mobility',
  'Energy and utilities',
  'Public safety',
  'Low-code platforms',
  'Service design',
  'Records management and archives',
  'Geospatial infrastructure',
  'Broadband and connectivity',
  'Participatory budgeting',
  'Tourism and culture',
  'Social care systems',
  'Waste and circular economy',
  'Water management',
  'Housing and planning',
  'Library services',
  'Tax and revenue systems',
  'Enterprise architecture',
  'IT service management',
  'Data protection',
  'Chatbots and virtual assistants',
  'Sensor networks',
  'Digital inclusion of older people',
  'Smart lighting',
  'Crisis communication',
  'Open standards',
];

export const THEME_AREAS = {
  subjects: ['Data', 'Platforms', 'Skills', 'Services', 'Infrastructure', 'Governance', 'Security', 'Innovation', 'Analytics', 'Automation', 'Partnerships', 'Networks'],
  domains: ['mobility', 'health', 'schools', 'energy', 'tourism', 'planning', 'welfare', 'culture', 'budgeting', 'emergencies', 'housing', 'environment', 'procurement', 'elections'],
};

/** Templates for topic wordings: {T} is the theme's name, {t} its name in lower case. */
export const TOPIC_TEMPLATES: readonly string[] = [
  '{T}',
  '{T}: lessons learned',
  '{T} in the city of tomorrow',
  'Rethinking {t}',
  '{T} – from strategy to delivery',
  'Cities and {t}',
  '{T} on a tight budget',
  'Scaling up {t}',
  'The CIO and {t}',
  '{T}: what works',
];

/** Templates for talk titles: {T}/{t} the theme, {C} a city. */
export const TALK_TEMPLATES: readonly string[] = [
  '{T}: the {C} experience',
  'How {C} approached {t}',
  'Ten years of {t} in {C}',
  '{T} without a big budget',
  'What we learned about {t}',
  'From pilot to platform: {t} in {C}',
  '{T} and the citizen',
  'Measuring the value of {t}',
  'A shared approach to {t}',
  '{T}: a view from {C}',
  'Building a team for {t}',
  'The next five years of {t}',
];

export const CONFERENCE_TITLES: readonly string[] = [
  'Cities in the Digital Age',
  'The Connected City',
  'Digital Cities for People',
  'Sharing for Smarter Cities',
  'The Resilient Digital City',
  'Cities Leading Change',
  'Innovation Close to Citizens',
  'The Data-Driven City',
  'Building the City Platform',
  'Together towards Digital Cities',
  'The Human Side of Digital Government',
  'Open Cities, Open Minds',
];

export const VENUES: readonly string[] = ['Congress Centre', 'City Hall', 'Conference Centre', 'Town Hall', 'University Aula', 'Kongresshalle', 'Palazzo dei Congressi', 'Palais des Congrès', 'Expo Centre'];

export const WORKSHOP_TEMPLATES: readonly string[] = ['{T}', '{T} for cities', 'Managing {t}', '{T}: shared practice', 'Introduction to {t}', '{T} in local government'];

export const PROJECT_PARTS = {
  heads: ['CIVIC', 'SMART', 'OPEN', 'CITY', 'URBAN', 'E-', 'CO', 'INTER', 'DIGI', 'GOV', 'LINKED', 'TRUST', 'GREEN', 'DATA'],
  tails: ['GOV', 'NET', 'LINK', 'HUB', 'TWIN', 'DATA', 'LAB', 'SERV', 'PORT', 'SCAPE', 'PLAT', 'CITY', 'MAP', 'SENSE'],
  programmes: ['FP7', 'the ICT Policy Support Programme', 'Horizon 2020', 'Horizon Europe', 'the Connecting Europe Facility', 'Interreg Europe', 'Digital Europe'],
  roles: ['Partner', 'Dissemination partner', 'Advisory board member', 'Supports the participation of its members'],
};

export const OFFICE_TITLES: ReadonlyArray<readonly [string, number]> = [
  ['Board member', 10],
  ['Vice-President', 3],
  ['Treasurer', 2],
  ['Secretary General', 2],
  ['Past President', 1],
];
