<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>kiosk</name>
    <message>
        <location filename="../widgets/strings.py" line="48"/>
        <source>Back</source>
        <translation>Retour</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="49"/>
        <source>Home</source>
        <translation>Accueil</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="50"/>
        <source>Touch to explore</source>
        <translation>Touchez pour explorer</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="51"/>
        <source>All</source>
        <translation>Tout</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="52"/>
        <source>Guided tours</source>
        <translation>Visites guidées</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="53"/>
        <source>Still there?</source>
        <translation>Toujours là ?</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="54"/>
        <source>Touch anywhere to continue</source>
        <translation>Touchez l&apos;écran pour continuer</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="55"/>
        <source>case studies</source>
        <translation>études de cas</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="57"/>
        <source>Choose a tour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="58"/>
        <source>Stop %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="59"/>
        <source>Stop %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="60"/>
        <source>%1 stops</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="61"/>
        <source>about %1 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="62"/>
        <source>Next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="63"/>
        <source>Previous</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="64"/>
        <source>End tour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="65"/>
        <source>Talking points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="66"/>
        <source>No talking points for this stop.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="67"/>
        <source>Show talking points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="68"/>
        <source>Hide talking points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="69"/>
        <source>Thank you for visiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="70"/>
        <source>Scan to read on at home</source>
        <translation>Scannez pour en lire plus chez vous</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="71"/>
        <source>Start again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="72"/>
        <source>Explore on your own</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="73"/>
        <source>Summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="75"/>
        <source>Accessibility</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="76"/>
        <source>Text size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="77"/>
        <source>High contrast</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="78"/>
        <source>Controls lower</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="79"/>
        <source>Reset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="80"/>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="81"/>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="83"/>
        <source>Take it home</source>
        <translation>À emporter</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="84"/>
        <source>Scan with your phone camera to read more.</source>
        <translation>Scannez avec l&apos;appareil photo de votre téléphone pour en savoir plus.</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="85"/>
        <source>Scan to open this page on your phone</source>
        <translation>Scannez pour ouvrir cette page sur votre téléphone</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="86"/>
        <source>Live data</source>
        <translation>Données en direct</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="87"/>
        <source>Gallery</source>
        <translation>Galerie</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="88"/>
        <source>Related projects</source>
        <translation>Projets associés</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="89"/>
        <source>This story is not available</source>
        <translation>Cette histoire n&apos;est pas disponible</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="90"/>
        <source>It may have been updated. Please go back and choose another one.</source>
        <translation>Elle a peut-être été mise à jour. Revenez en arrière et choisissez-en une autre.</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="91"/>
        <source>Picture %1 of %2</source>
        <translation>Image %1 sur %2</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="92"/>
        <source>Not yet translated: shown in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="93"/>
        <source>Partners: %1</source>
        <translation>Partenaires : %1</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="94"/>
        <source>Zoom in</source>
        <translation>Zoom avant</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="95"/>
        <source>Zoom out</source>
        <translation>Zoom arrière</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="96"/>
        <source>Play video</source>
        <translation>Lire la vidéo</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="98"/>
        <source>Live</source>
        <translation>En direct</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="98"/>
        <source>Partners</source>
        <translation>Partenaires</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="99"/>
        <source>Who works with whom</source>
        <translation>Qui travaille avec qui</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="100"/>
        <source>Tap an organisation to see its projects and partners. Tap a project to open it.</source>
        <translation>Touchez une organisation pour voir ses projets et ses partenaires. Touchez un projet pour l&apos;ouvrir.</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="101"/>
        <source>What we did here</source>
        <translation>Ce que nous avons fait ici</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="102"/>
        <source>Show in the network</source>
        <translation>Afficher dans le réseau</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="103"/>
        <source>Scan to visit their website</source>
        <translation>Scannez pour visiter leur site</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="104"/>
        <source>Public sector</source>
        <translation>Secteur public</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="105"/>
        <source>Companies</source>
        <translation>Entreprises</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="106"/>
        <source>Research and education</source>
        <translation>Recherche et enseignement</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="107"/>
        <source>Civil society</source>
        <translation>Société civile</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="108"/>
        <source>Partners on this tour</source>
        <translation>Les partenaires de cette visite</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="109"/>
        <source>Tap a partner for their page and website</source>
        <translation>Touchez un partenaire pour voir sa page et son site web</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="112"/>
        <source>%1, %2 projects, %3 co-partners</source>
        <translation>%1, %2 projets, %3 partenaires associés</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="113"/>
        <source>Case study with %1 partners</source>
        <translation>Étude de cas avec %1 partenaires</translation>
    </message>
    <message>
        <source>One tap to answer. Anonymous.</source>
        <translation>Un geste pour répondre. Anonyme.</translation>
    </message>
    <message>
        <source>Thank you! You can change your answer while you are here.</source>
        <translation>Merci ! Vous pouvez changer votre réponse tant que vous êtes ici.</translation>
    </message>
    <message>
        <source>One moment, please: tap again in a few seconds.</source>
        <translation>Un instant : touchez à nouveau dans quelques secondes.</translation>
    </message>
    <message>
        <source>%1 visitors answered</source>
        <translation>%1 visiteurs ont répondu</translation>
    </message>
    <message>
        <source>1 visitor answered</source>
        <translation>1 visiteur a répondu</translation>
    </message>
    <message>
        <source>all kiosks of the lab</source>
        <translation>toutes les bornes du laboratoire</translation>
    </message>
    <message>
        <source>this kiosk only (not connected to the lab)</source>
        <translation>cette borne seulement (non reliée au laboratoire)</translation>
    </message>
</context>
</TS>
