<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fi">
<context>
    <name>kiosk</name>
    <message>
        <location filename="../widgets/strings.py" line="48"/>
        <source>Back</source>
        <translation>Takaisin</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="49"/>
        <source>Home</source>
        <translation>Etusivu</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="50"/>
        <source>Touch to explore</source>
        <translation>Kosketa ja tutki</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="51"/>
        <source>All</source>
        <translation>Kaikki</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="52"/>
        <source>Guided tours</source>
        <translation>Opastetut kierrokset</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="53"/>
        <source>Still there?</source>
        <translation>Oletko vielä siellä?</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="54"/>
        <source>Touch anywhere to continue</source>
        <translation>Jatka koskettamalla</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="55"/>
        <source>case studies</source>
        <translation>tapausta</translation>
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
        <translation>Skannaa ja lue lisää kotona</translation>
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
        <translation>Ota mukaasi</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="84"/>
        <source>Scan with your phone camera to read more.</source>
        <translation>Skannaa puhelimen kameralla ja lue lisää.</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="85"/>
        <source>Scan to open this page on your phone</source>
        <translation>Skannaa ja avaa sivu puhelimessasi</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="86"/>
        <source>Live data</source>
        <translation>Reaaliaikaiset tiedot</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="87"/>
        <source>Gallery</source>
        <translation>Galleria</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="88"/>
        <source>Related projects</source>
        <translation>Aiheeseen liittyvät hankkeet</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="89"/>
        <source>This story is not available</source>
        <translation>Tämä tarina ei ole saatavilla</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="90"/>
        <source>It may have been updated. Please go back and choose another one.</source>
        <translation>Se on ehkä päivitetty. Palaa takaisin ja valitse toinen.</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="91"/>
        <source>Picture %1 of %2</source>
        <translation>Kuva %1/%2</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="92"/>
        <source>Not yet translated: shown in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="93"/>
        <source>Partners: %1</source>
        <translation>Kumppanit: %1</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="94"/>
        <source>Zoom in</source>
        <translation>Lähennä</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="95"/>
        <source>Zoom out</source>
        <translation>Loitonna</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="96"/>
        <source>Play video</source>
        <translation>Toista video</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="98"/>
        <source>Live</source>
        <translation>Nyt</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="98"/>
        <source>Partners</source>
        <translation>Kumppanit</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="99"/>
        <source>Who works with whom</source>
        <translation>Kuka tekee työtä kenenkin kanssa</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="100"/>
        <source>Tap an organisation to see its projects and partners. Tap a project to open it.</source>
        <translation>Napauta organisaatiota nähdäksesi sen hankkeet ja kumppanit. Napauta hanketta avataksesi sen.</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="101"/>
        <source>What we did here</source>
        <translation>Mitä teimme täällä</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="102"/>
        <source>Show in the network</source>
        <translation>Näytä verkostossa</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="103"/>
        <source>Scan to visit their website</source>
        <translation>Skannaa ja käy heidän sivustollaan</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="104"/>
        <source>Public sector</source>
        <translation>Julkinen sektori</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="105"/>
        <source>Companies</source>
        <translation>Yritykset</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="106"/>
        <source>Research and education</source>
        <translation>Tutkimus ja koulutus</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="107"/>
        <source>Civil society</source>
        <translation>Kansalaisyhteiskunta</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="108"/>
        <source>Partners on this tour</source>
        <translation>Tämän kierroksen kumppanit</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="109"/>
        <source>Tap a partner for their page and website</source>
        <translation>Napauta kumppania nähdäksesi sen sivun ja verkkosivuston</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="112"/>
        <source>%1, %2 projects, %3 co-partners</source>
        <translation>%1, %2 hanketta, %3 kumppania</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="113"/>
        <source>Case study with %1 partners</source>
        <translation>Tapaustutkimus, %1 kumppania</translation>
    </message>
    <message>
        <source>One tap to answer. Anonymous.</source>
        <translation>Vastaa yhdellä napautuksella. Nimettömästi.</translation>
    </message>
    <message>
        <source>Thank you! You can change your answer while you are here.</source>
        <translation>Kiitos! Voit muuttaa vastaustasi, kun olet vielä täällä.</translation>
    </message>
    <message>
        <source>One moment, please: tap again in a few seconds.</source>
        <translation>Hetki vain: napauta uudelleen muutaman sekunnin kuluttua.</translation>
    </message>
    <message>
        <source>%1 visitors answered</source>
        <translation>%1 kävijää vastasi</translation>
    </message>
    <message>
        <source>1 visitor answered</source>
        <translation>1 kävijä vastasi</translation>
    </message>
    <message>
        <source>all kiosks of the lab</source>
        <translation>kaikki laboratorion kioskit</translation>
    </message>
    <message>
        <source>this kiosk only (not connected to the lab)</source>
        <translation>vain tämä kioski (ei yhteyttä laboratorioon)</translation>
    </message>
</context>
</TS>
